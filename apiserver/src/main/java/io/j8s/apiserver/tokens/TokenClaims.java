package io.j8s.apiserver.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A service account token's claims, as upstream's: {@code iss}, {@code sub}
 * ({@code system:serviceaccount:<ns>:<name>}), {@code aud}, {@code exp}, {@code iat}, {@code nbf},
 * {@code jti}, and the private {@code kubernetes.io} claim with the namespace, the service account
 * and the objects the token is bound to (pod, secret, node; null when not bound). Times in epoch
 * seconds.
 */
public record TokenClaims(String issuer, List<String> audiences, long issuedAt, long notBefore, long expiry, String jti,
    String namespace, Ref serviceAccount, Ref pod, Ref secret, Ref node) {
  public static final String PRIVATE = "kubernetes.io";

  /** An object by name and uid. */
  public record Ref(String name, String uid) {}

  public TokenClaims {
    audiences = List.copyOf(audiences);
  }

  public String subject() { return "system:serviceaccount:" + namespace + ":" + serviceAccount.name(); }

  ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    audiences.forEach(o.putArray("aud")::add);
    o.put("exp", expiry).put("iat", issuedAt).put("iss", issuer).put("jti", jti);
    ObjectNode k = o.putObject(PRIVATE).put("namespace", namespace);
    if (node != null) ref(k, "node", node);
    if (pod != null) ref(k, "pod", pod);
    if (secret != null) ref(k, "secret", secret);
    ref(k, "serviceaccount", serviceAccount);
    o.put("nbf", notBefore).put("sub", subject());
    return o;
  }

  private static void ref(ObjectNode k, String field, Ref r) {
    k.putObject(field).put("name", r.name()).put("uid", r.uid());
  }

  /** The claims of a verified token; throws when a claim service account tokens need is absent or malformed. */
  static TokenClaims fromJson(JsonNode o) {
    List<String> aud = new ArrayList<>();
    JsonNode a = o.path("aud");
    if (a.isTextual()) aud.add(a.asText());
    else for (JsonNode x : a) aud.add(x.asText());
    JsonNode k = o.path(PRIVATE);
    if (!k.isObject()) throw new IllegalArgumentException("no " + PRIVATE + " claim");
    Ref sa = refOf(k.path("serviceaccount"));
    String ns = text(k, "namespace");
    if (sa == null || ns.isEmpty()) throw new IllegalArgumentException("no service account in the " + PRIVATE + " claim");
    if (!o.path("sub").asText().equals("system:serviceaccount:" + ns + ":" + sa.name())) {
      throw new IllegalArgumentException("the sub claim does not name the service account of the " + PRIVATE + " claim");
    }
    return new TokenClaims(o.path("iss").asText(""), aud, time(o, "iat"), time(o, "nbf"), time(o, "exp"), o.path("jti").asText(""), ns, sa,
        refOf(k.path("pod")), refOf(k.path("secret")), refOf(k.path("node")));
  }

  private static long time(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || !v.isNumber()) throw new IllegalArgumentException("no numeric " + field + " claim");
    return v.asLong();
  }

  private static String text(JsonNode o, String field) { return o.path(field).asText(""); }

  private static Ref refOf(JsonNode r) {
    if (!r.isObject() || text(r, "name").isEmpty()) return null;
    return new Ref(text(r, "name"), text(r, "uid"));
  }
}
