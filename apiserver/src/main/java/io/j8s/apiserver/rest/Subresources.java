package io.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceType;
import io.j8s.api.selector.LabelSelector;
import io.j8s.api.selector.SelectorException;
import io.j8s.apiserver.errors.ApiException;
import io.j8s.apiserver.http.Exchange;
import io.j8s.apiserver.proxy.KubeletProxy;
import io.j8s.apiserver.store.Json;
import io.j8s.apiserver.tokens.TokenRequests;
import io.j8s.api.protobuf.KubeProtobuf;
import io.j8s.api.protobuf.ProtobufException;
import java.util.Iterator;
import java.util.Map;

/**
 * status (spec kept, only status taken), scale (autoscaling/v1 Scale over spec.replicas),
 * pods/binding (sets spec.nodeName once, and PodScheduled=True), namespaces/finalize (spec.finalizers only),
 * serviceaccounts/token (a TokenRequest answered by {@link TokenRequests}), and
 * the kubelet's: pods/log, pods/exec, pods/attach, pods/portforward, nodes/proxy (see {@link KubeletProxy}).
 */
final class Subresources {
  private final Writes writes;
  private final KubeletProxy kubelets;
  private final TokenRequests tokens;

  /**
   * @param kubelets null when kubelet subresources are not served (tests of the API alone)
   * @param tokens   serviceaccounts/token (null: 501)
   */
  Subresources(Writes writes, KubeletProxy kubelets, TokenRequests tokens) {
    this.writes = writes;
    this.kubelets = kubelets;
    this.tokens = tokens;
  }

  void handle(Exchange ex, RequestInfo ri, ResourceType t, String ns, Responder out) {
    String sub = ri.sub();
    if (!t.hasSubresource(sub)) throw ApiException.notFoundPath(ri.path());
    switch (sub) {
      case "status", "finalize" -> partOf(ex, t, ns, ri.name(), sub.equals("status") ? "status" : "spec", false, out);
      case "approval" -> partOf(ex, t, ns, ri.name(), "status", true, out);
      case "scale" -> scale(ex, t, ns, ri.name(), out);
      case "binding" -> bind(ex, t, ns, ri.name(), out);
      case "token" -> token(ex, t, ns, ri.name(), out);
      case "log", "exec", "attach", "portforward", "proxy" -> {
        if (kubelets == null) throw new ApiException(501, "NotImplemented", t.plural() + "/" + sub + " is not served by this server",
            t.group(), t.kind(), ri.name(), java.util.List.of());
        if (sub.equals("proxy")) kubelets.node(ex, ri.name()); else kubelets.pod(ex, writes.get(t, ns, ri.name()), sub);
      }
      default -> throw new ApiException(501, "NotImplemented", t.plural() + "/" + sub
          + " is not served yet: it needs the node agent (issue [kubelet])", t.group(), t.kind(), ri.name(), java.util.List.of());
    }
  }

  /**
   * GET, PUT or PATCH of one top-level part (status or spec) of the object; {@code conditionsOnly}
   * (a CSR's approval) takes only {@code status.conditions} and keeps the rest of the status.
   */
  private void partOf(Exchange ex, ResourceType t, String ns, String name, String part, boolean conditionsOnly, Responder out) {
    if (ex.method().equals("GET")) {
      out.object(ex, 200, t, writes.get(t, ns, name));
      return;
    }
    boolean dry = ResourceHandler.dryRun(ex);
    for (int attempt = 0; ; attempt++) {
      ObjectNode current = writes.get(t, ns, name);
      ObjectNode incoming = switch (ex.method()) {
        case "PUT" -> {
          ObjectNode o = ResourceHandler.decode(ex, t);
          ResourceHandler.checkName(o, name, ns, t);
          yield o;
        }
        case "PATCH" -> {
          String media = BodyDecoder.mediaType(ex.header("Content-Type"));
          if (!Patches.TYPES.contains(media)) throw ApiException.unsupportedMediaType(media);
          yield Patches.apply(media, current.deepCopy(), BodyDecoder.parse(ex.body(), media), t.model(), t.kind(), name);
        }
        default -> throw ApiException.methodNotAllowed(ex.method() + " is not supported on " + t.plural() + "/" + part);
      };
      ObjectNode next = current.deepCopy();
      if (conditionsOnly) {
        ObjectNode status = next.with("status");
        JsonNode conds = incoming.path("status").get("conditions");
        if (conds != null) status.set("conditions", conds); else status.remove("conditions");
      } else if (incoming.has(part)) {
        next.set(part, incoming.get(part));
      } else {
        next.remove(part);
      }
      if (part.equals("status")) {
        copyMeta(incoming, next, "labels");
        copyMeta(incoming, next, "annotations");
      }
      String rv = ObjectMeta.rv(incoming);
      if (ex.method().equals("PUT") && !rv.isEmpty()) Json.meta(next).put("resourceVersion", rv);
      try {
        out.object(ex, 200, t, writes.update(t, ns, current, next, dry));
        return;
      } catch (ApiException e) {
        if (e.code() != 409 || ex.method().equals("PUT") || attempt >= 4) throw e;
      }
    }
  }

  private static void copyMeta(ObjectNode from, ObjectNode to, String field) {
    JsonNode v = from.path("metadata").get(field);
    if (v != null) Json.meta(to).set(field, v);
  }

  private void scale(Exchange ex, ResourceType t, String ns, String name, Responder out) {
    for (int attempt = 0; ; attempt++) {
      ObjectNode current = writes.get(t, ns, name);
      ObjectNode scale = toScale(current);
      if (ex.method().equals("GET")) {
        out.json(ex, 200, scale);
        return;
      }
      ObjectNode wanted = switch (ex.method()) {
        case "PUT" -> BodyDecoder.parseObject(ex.body(), BodyDecoder.mediaType(ex.header("Content-Type")));
        case "PATCH" -> {
          String media = BodyDecoder.mediaType(ex.header("Content-Type"));
          if (!Patches.TYPES.contains(media)) throw ApiException.unsupportedMediaType(media);
          yield Patches.apply(media, scale.deepCopy(), BodyDecoder.parse(ex.body(), media),
              io.fabric8.kubernetes.api.model.autoscaling.v1.Scale.class, "Scale", name);
        }
        default -> throw ApiException.methodNotAllowed(ex.method() + " is not supported on " + t.plural() + "/scale");
      };
      JsonNode replicas = wanted.path("spec").path("replicas");
      if (!replicas.isIntegralNumber() || replicas.asLong() < 0 || replicas.asLong() > Integer.MAX_VALUE) {
        throw ApiException.invalid("autoscaling", "Scale", name, java.util.List.of(new ApiException.Cause("FieldValueInvalid",
            "Invalid value: " + replicas + ": must be greater than or equal to 0", "spec.replicas")));
      }
      String rv = ObjectMeta.rv(wanted);
      if (!rv.isEmpty() && !rv.equals(ObjectMeta.rv(current))) throw Writes.modified(t, name);
      ObjectNode next = current.deepCopy();
      next.with("spec").put("replicas", replicas.asInt());
      Json.meta(next).remove("resourceVersion");
      try {
        ObjectNode saved = writes.update(t, ns, current, next, ResourceHandler.dryRun(ex));
        out.json(ex, 200, toScale(saved));
        return;
      } catch (ApiException e) {
        if (e.code() != 409 || !rv.isEmpty() || attempt >= 4) throw e;
      }
    }
  }

  static ObjectNode toScale(ObjectNode obj) {
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    s.put("kind", "Scale").put("apiVersion", "autoscaling/v1");
    ObjectNode m = s.putObject("metadata");
    for (String f : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
      if (obj.path("metadata").has(f)) m.set(f, obj.path("metadata").get(f));
    }
    s.putObject("spec").put("replicas", obj.path("spec").path("replicas").asInt(0));
    ObjectNode st = s.putObject("status").put("replicas", obj.path("status").path("replicas").asInt(0));
    String selector = selectorString(obj.path("spec").path("selector"));
    if (!selector.isEmpty()) st.put("selector", selector);
    return s;
  }

  private static String selectorString(JsonNode sel) {
    if (sel.isMissingNode() || sel.isNull()) return "";
    try {
      io.fabric8.kubernetes.api.model.LabelSelector ls = Json.MAPPER.treeToValue(sel, io.fabric8.kubernetes.api.model.LabelSelector.class);
      return LabelSelector.from(ls).toString();
    } catch (SelectorException | com.fasterxml.jackson.core.JsonProcessingException e) {
      return "";
    }
  }

  /** As upstream's binding: the PodScheduled condition becomes True (replacing an Unschedulable one). */
  private static void scheduled(ObjectNode pod) {
    com.fasterxml.jackson.databind.node.ArrayNode conds = pod.with("status").withArray("conditions");
    for (int i = conds.size() - 1; i >= 0; i--) if (conds.get(i).path("type").asText().equals("PodScheduled")) conds.remove(i);
    ObjectNode c = conds.addObject();
    c.put("type", "PodScheduled");
    c.put("status", "True");
    c.putNull("lastProbeTime");
    c.put("lastTransitionTime", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
  }

  /** serviceaccounts/token: POST of an authentication.k8s.io/v1 TokenRequest. */
  private void token(Exchange ex, ResourceType t, String ns, String name, Responder out) {
    if (tokens == null) throw new ApiException(501, "NotImplemented", "serviceaccounts/token is not served by this server", t.group(), t.kind(), name,
        java.util.List.of());
    if (!ex.method().equals("POST")) throw ApiException.methodNotAllowed(ex.method() + " is not supported on serviceaccounts/token");
    String media = BodyDecoder.mediaType(ex.header("Content-Type"));
    ObjectNode request;
    if (media.equals(KubeProtobuf.MEDIA_TYPE)) {
      try {
        request = KubeProtobuf.decode(ex.body());
      } catch (ProtobufException e) {
        throw new ApiException(415, "UnsupportedMediaType", e.getMessage(), "authentication.k8s.io", "TokenRequest", name, java.util.List.of());
      }
    } else {
      request = BodyDecoder.parseObject(ex.body(), media);
    }
    String av = request.path("apiVersion").asText("");
    String kind = request.path("kind").asText("");
    if ((!av.isEmpty() && !av.equals("authentication.k8s.io/v1")) || (!kind.isEmpty() && !kind.equals("TokenRequest"))) {
      throw ApiException.badRequest("serviceaccounts/token takes an authentication.k8s.io/v1 TokenRequest, not " + (av + " " + kind).trim());
    }
    ObjectNode answer = tokens.create(ns, name, request);
    if (ResourceHandler.dryRun(ex)) ((ObjectNode) answer.path("status")).put("token", "");
    out.json(ex, 201, answer);
  }

  private void bind(Exchange ex, ResourceType t, String ns, String name, Responder out) {
    if (!ex.method().equals("POST")) throw ApiException.methodNotAllowed("pods/binding takes POST");
    ObjectNode binding = BodyDecoder.parseObject(ex.body(), BodyDecoder.mediaType(ex.header("Content-Type")));
    String node = binding.path("target").path("name").asText("");
    if (node.isEmpty()) {
      throw ApiException.invalid("", "Binding", name, java.util.List.of(new ApiException.Cause("FieldValueRequired", "Required value", "target.name")));
    }
    ObjectNode current = writes.get(t, ns, name);
    String bound = current.path("spec").path("nodeName").asText("");
    if (!bound.isEmpty()) {
      throw ApiException.conflict("", "pods", name, "pod " + name + " is already assigned to node \"" + bound + "\"");
    }
    if (ObjectMeta.deleting(current)) throw ApiException.conflict("", "pods", name, "pod " + name + " is being deleted, cannot be assigned to a host");
    ObjectNode next = current.deepCopy();
    next.with("spec").put("nodeName", node);
    scheduled(next);
    Iterator<Map.Entry<String, JsonNode>> ann = binding.path("metadata").path("annotations").fields();
    while (ann.hasNext()) {
      Map.Entry<String, JsonNode> e = ann.next();
      Json.meta(next).with("annotations").set(e.getKey(), e.getValue());
    }
    Json.meta(next).remove("resourceVersion");
    writes.update(t, ns, current, next, ResourceHandler.dryRun(ex), false);
    out.json(ex, 201, ApiException.status(201, null, null, null, null, null, java.util.List.of()));
  }
}
