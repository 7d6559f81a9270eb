package io.j8s.apiserver.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.apiserver.errors.ApiException;
import io.j8s.apiserver.store.ObjectStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code serviceaccounts/token} subresource (authentication.k8s.io/v1 TokenRequest), as
 * upstream's TokenREST: audiences default to the API's, {@code expirationSeconds} to 3600 (at least
 * 600), an optional {@code boundObjectRef} to a Pod (running as this service account), Secret or
 * Node that must exist (with the given uid, if any). A token bound to a pod also names the pod's
 * node. Answers the request with {@code status.token} and {@code status.expirationTimestamp}.
 */
public final class TokenRequests {
  static final long DEFAULT_SECONDS = 3600;
  static final long MIN_SECONDS = 600;
  static final long MAX_SECONDS = 1L << 32;

  private final TokenIssuer issuer;
  private final ObjectStore store;

  public TokenRequests(TokenIssuer issuer, ObjectStore store) {
    this.issuer = issuer;
    this.store = store;
  }

  /** @param request the decoded body (any apiVersion/kind other than TokenRequest was refused by the caller) */
  public ObjectNode create(String ns, String name, ObjectNode request) {
    ObjectNode sa = store.get(StoredObjects.SERVICE_ACCOUNTS, ns, name)
        .orElseThrow(() -> ApiException.notFound("", "serviceaccounts", name));
    JsonNode spec = request.path("spec");
    long seconds = spec.path("expirationSeconds").isMissingNode() || spec.path("expirationSeconds").isNull()
        ? DEFAULT_SECONDS : spec.path("expirationSeconds").asLong();
    List<ApiException.Cause> causes = new ArrayList<>();
    if (!spec.path("expirationSeconds").isMissingNode() && !spec.path("expirationSeconds").isNull()
        && !spec.path("expirationSeconds").isIntegralNumber()) {
      causes.add(new ApiException.Cause("FieldValueInvalid", "Invalid value: " + spec.path("expirationSeconds") + ": must be an integer",
          "spec.expirationSeconds"));
    } else if (seconds < MIN_SECONDS) {
      causes.add(new ApiException.Cause("FieldValueInvalid", "Invalid value: " + seconds + ": may not specify a duration less than 10 minutes",
          "spec.expirationSeconds"));
    } else if (seconds > MAX_SECONDS) {
      causes.add(new ApiException.Cause("FieldValueInvalid", "Invalid value: " + seconds + ": may not specify a duration larger than 2^32 seconds",
          "spec.expirationSeconds"));
    }
    List<String> audiences = new ArrayList<>();
    for (JsonNode a : spec.path("audiences")) audiences.add(a.asText());
    JsonNode ref = spec.path("boundObjectRef");
    boolean bound = ref.isObject() && !(ref.path("kind").asText("").isEmpty() && ref.path("name").asText("").isEmpty());
    if (bound && ref.path("name").asText("").isEmpty()) {
      causes.add(new ApiException.Cause("FieldValueRequired", "Required value", "spec.boundObjectRef.name"));
    }
    if (!causes.isEmpty()) throw ApiException.invalid("authentication.k8s.io", "TokenRequest", name, causes);

    TokenClaims.Ref pod = null;
    TokenClaims.Ref secret = null;
    TokenClaims.Ref node = null;
    if (bound) {
      String kind = ref.path("kind").asText("");
      String apiVersion = ref.path("apiVersion").asText("");
      String refName = ref.path("name").asText();
      if (!apiVersion.isEmpty() && !apiVersion.equals("v1")) throw unbindable(apiVersion, kind);
      switch (kind) {
        case "Pod" -> {
          ObjectNode p = store.get(StoredObjects.PODS, ns, refName).orElseThrow(() -> ApiException.notFound("", "pods", refName));
          String podSa = p.path("spec").path("serviceAccountName").asText("");
          if (!podSa.equals(name)) {
            throw ApiException.badRequest("cannot bind token for serviceaccount \"" + name + "\" to pod running with different serviceaccount name.");
          }
          pod = checkedRef(p, ref, "Pod");
          String nodeName = p.path("spec").path("nodeName").asText("");
          if (!nodeName.isEmpty()) {
            node = store.get(StoredObjects.NODES, null, nodeName).map(n -> new TokenClaims.Ref(nodeName, uid(n))).orElse(null);
          }
        }
        case "Secret" -> secret = checkedRef(store.get(StoredObjects.SECRETS, ns, refName)
            .orElseThrow(() -> ApiException.notFound("", "secrets", refName)), ref, "Secret");
        case "Node" -> node = checkedRef(store.get(StoredObjects.NODES, null, refName)
            .orElseThrow(() -> ApiException.notFound("", "nodes", refName)), ref, "Node");
        default -> throw unbindable(apiVersion, kind);
      }
    }
    TokenIssuer.Issued t = issuer.issue(ns, new TokenClaims.Ref(name, uid(sa)), audiences, seconds, pod, secret, node);
    return response(request, ns, name, t, seconds);
  }

  private static ApiException unbindable(String apiVersion, String kind) {
    String gvk = (apiVersion.isEmpty() ? "" : "/" + apiVersion) + ", Kind=" + kind;
    return ApiException.badRequest("cannot bind token for object of type " + gvk);
  }

  private static TokenClaims.Ref checkedRef(ObjectNode obj, JsonNode ref, String kind) {
    String want = ref.path("uid").asText("");
    String name = ref.path("name").asText();
    if (!want.isEmpty() && !want.equals(uid(obj))) {
      throw ApiException.conflict("", kind, name, "the UID in the bound object reference (" + want
          + ") does not match the UID in record. The object might have been deleted and then recreated");
    }
    return new TokenClaims.Ref(name, uid(obj));
  }

  private static String uid(JsonNode obj) { return obj.path("metadata").path("uid").asText(""); }

  private static ObjectNode response(ObjectNode request, String ns, String name, TokenIssuer.Issued t, long seconds) {
    ObjectNode out = request.deepCopy();
    out.put("apiVersion", "authentication.k8s.io/v1").put("kind", "TokenRequest");
    ObjectNode meta = out.with("metadata");
    meta.put("name", name).put("namespace", ns);
    meta.put("creationTimestamp", Instant.ofEpochSecond(t.claims().issuedAt()).toString());
    ObjectNode spec = out.with("spec");
    ArrayNode aud = spec.putArray("audiences");
    t.claims().audiences().forEach(aud::add);
    spec.put("expirationSeconds", seconds);
    if (spec.path("boundObjectRef").isObject() && spec.path("boundObjectRef").isEmpty()) spec.remove("boundObjectRef");
    out.putObject("status").put("token", t.token())
        .put("expirationTimestamp", t.expiry().truncatedTo(ChronoUnit.SECONDS).toString());
    return out;
  }
}
