package io.j8s.apiserver.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceType;
import io.j8s.apiserver.auth.Attributes;
import io.j8s.apiserver.auth.Authorizer;
import io.j8s.apiserver.auth.Decision;
import io.j8s.apiserver.auth.UserInfo;
import io.j8s.apiserver.errors.ApiException;
import io.j8s.apiserver.http.Exchange;
import io.j8s.apiserver.rest.RequestInfo;
import io.j8s.apiserver.rest.ResourceHandler;
import io.j8s.apiserver.rest.Responder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * authorization.k8s.io/v1 reviews, answered from the authorizer and never stored:
 * SelfSubjectAccessReview (may I?), SelfSubjectRulesReview (what may I in this namespace?),
 * SubjectAccessReview and LocalSubjectAccessReview (may this user?). The answer is the request
 * with {@code status} filled, 201 Created.
 */
public final class Reviews {
  private final Authorizer authz;
  private final Supplier<PolicyIndex> index;

  public Reviews(Authorizer authz, Supplier<PolicyIndex> index) {
    this.authz = authz;
    this.index = index;
  }

  public void handle(Exchange ex, RequestInfo ri, ResourceType t, UserInfo user, Responder out) {
    if (!ex.method().equals("POST") || ri.name() != null || ri.sub() != null) {
      throw ApiException.methodNotAllowed(ex.method() + " is not supported on " + t.plural() + ": only create");
    }
    ObjectNode review = ResourceHandler.decode(ex, t);
    ObjectNode spec = review.has("spec") && review.get("spec").isObject() ? (ObjectNode) review.get("spec") : review.putObject("spec");
    ObjectNode status = switch (t.kind()) {
      case "SelfSubjectAccessReview" -> access(t, attributes(t, user, spec, ""));
      case "SelfSubjectRulesReview" -> rules(user, spec.path("namespace").asText(""));
      case "SubjectAccessReview" -> access(t, attributes(t, subject(t, spec), spec, ""));
      case "LocalSubjectAccessReview" -> access(t, attributes(t, subject(t, spec), spec, ri.namespace()));
      default -> throw ApiException.notFoundPath(ri.path());
    };
    review.set("status", status);
    out.json(ex, 201, review);
  }

  private ObjectNode access(ResourceType t, Attributes a) {
    Decision d = authz.authorize(a);
    ObjectNode s = review().put("allowed", d.allowed());
    if (!d.reason().isEmpty()) s.put("reason", d.reason());
    return s;
  }

  private ObjectNode rules(UserInfo user, String namespace) {
    PolicyIndex.RuleSet set = index.get().rulesFor(user, namespace);
    ObjectNode s = review();
    ArrayNode resources = s.putArray("resourceRules");
    ArrayNode urls = s.putArray("nonResourceRules");
    for (Rule r : set.rules()) {
      ObjectNode o = r.nonResourceURLs().isEmpty() ? resources.addObject() : urls.addObject();
      putAll(o, "verbs", r.verbs());
      if (r.nonResourceURLs().isEmpty()) {
        putAll(o, "apiGroups", r.apiGroups());
        putAll(o, "resources", r.resources());
        if (!r.resourceNames().isEmpty()) putAll(o, "resourceNames", r.resourceNames());
      } else {
        putAll(o, "nonResourceURLs", r.nonResourceURLs());
      }
    }
    s.put("incomplete", !set.errors().isEmpty());
    if (!set.errors().isEmpty()) s.put("evaluationError", RbacPolicy.aggregate(set.errors()));
    return s;
  }

  private static ObjectNode review() { return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(); }

  private static void putAll(ObjectNode o, String field, List<String> values) {
    ArrayNode a = o.putArray(field);
    values.forEach(a::add);
  }

  /** The user a SubjectAccessReview asks about. */
  private static UserInfo subject(ResourceType t, JsonNode spec) {
    String user = spec.path("user").asText("");
    List<String> groups = Rule.strings(spec.path("groups"));
    if (user.isEmpty() && groups.isEmpty()) {
      throw invalid(t, "spec.user", user, "at least one of user or group must be specified");
    }
    Map<String, List<String>> extra = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = spec.path("extra").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      extra.put(e.getKey(), Rule.strings(e.getValue()));
    }
    return new UserInfo(user, spec.path("uid").asText(""), groups, extra);
  }

  /** @param localNamespace the namespace of a LocalSubjectAccessReview's path, else "" */
  private static Attributes attributes(ResourceType t, UserInfo user, ObjectNode spec, String localNamespace) {
    JsonNode ra = spec.get("resourceAttributes");
    JsonNode nra = spec.get("nonResourceAttributes");
    boolean hasRa = ra != null && ra.isObject();
    boolean hasNra = nra != null && nra.isObject();
    if (hasRa == hasNra) {
      throw invalid(t, "spec.resourceAttributes", hasRa ? "{...}" : "null",
          "exactly one of nonResourceAttributes or resourceAttributes must be specified");
    }
    if (hasNra) return Attributes.nonResource(user, nra.path("verb").asText(""), nra.path("path").asText(""));
    String ns = ra.path("namespace").asText("");
    if (localNamespace != null && !localNamespace.isEmpty()) {
      if (ns.isEmpty()) {
        ((ObjectNode) ra).put("namespace", localNamespace);
        ns = localNamespace;
      } else if (!ns.equals(localNamespace)) {
        throw ApiException.badRequest("spec.resourceAttributes.namespace must match namespace: " + localNamespace);
      }
    }
    return Attributes.resource(user, ra.path("verb").asText(""), ra.path("group").asText(""), ra.path("resource").asText(""),
        ra.path("subresource").asText(""), ns, ra.path("name").asText(""));
  }

  private static ApiException invalid(ResourceType t, String field, String value, String detail) {
    return ApiException.invalid(t.group(), t.kind(), "", List.of(new ApiException.Cause("FieldValueInvalid",
        "Invalid value: \"" + value + "\": " + detail, field)));
  }

  static List<String> list(JsonNode n) { return new ArrayList<>(Rule.strings(n)); }
}
