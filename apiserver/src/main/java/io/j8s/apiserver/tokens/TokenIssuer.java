package io.j8s.apiserver.tokens;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.base.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Signs service account tokens for one issuer, and publishes what verifiers need (upstream's
 * service account issuer discovery): the OpenID configuration and the JWKS.
 */
public final class TokenIssuer {
  /** Upstream's default --service-account-issuer. */
  public static final String DEFAULT_ISSUER = "https://kubernetes.default.svc.cluster.local";
  public static final String OPENID_CONFIGURATION = "/.well-known/openid-configuration";
  public static final String JWKS = "/openid/v1/jwks";

  private final SigningKey key;
  private final String issuer;
  private final List<String> apiAudiences;
  private final Clock clock;

  /** @param apiAudiences what the API accepts and tokens get when a request names none (upstream: the issuer) */
  public TokenIssuer(SigningKey key, String issuer, List<String> apiAudiences, Clock clock) {
    this.key = key;
    this.issuer = issuer;
    this.apiAudiences = List.copyOf(apiAudiences);
    this.clock = clock;
  }

  /** A signed token and its claims. */
  public record Issued(String token, TokenClaims claims) {
    public Instant expiry() { return Instant.ofEpochSecond(claims.expiry()); }
  }

  public String issuer() { return issuer; }

  public List<String> apiAudiences() { return apiAudiences; }

  public Issued issue(String namespace, TokenClaims.Ref serviceAccount, List<String> audiences, long seconds, TokenClaims.Ref pod,
      TokenClaims.Ref secret, TokenClaims.Ref node) {
    long now = clock.now().getEpochSecond();
    TokenClaims c = new TokenClaims(issuer, audiences.isEmpty() ? apiAudiences : audiences, now, now, now + seconds,
        UUID.randomUUID().toString(), namespace, serviceAccount, pod, secret, node);
    return new Issued(Jwt.sign(key, c.toJson()), c);
  }

  public TokenValidator validator(BoundObjects objects) {
    return new TokenValidator(key, issuer, apiAudiences, objects, clock);
  }

  /** {@code /.well-known/openid-configuration}: the keys at the issuer's {@code /openid/v1/jwks}. */
  public ObjectNode openidConfiguration() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("issuer", issuer);
    o.put("jwks_uri", issuer.replaceAll("/+$", "") + JWKS);
    o.putArray("response_types_supported").add("id_token");
    o.putArray("subject_types_supported").add("public");
    o.putArray("id_token_signing_alg_values_supported").add(SigningKey.ALG);
    return o;
  }

  /** {@code /openid/v1/jwks}: the public signing key. */
  public ObjectNode jwks() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.putArray("keys").add(key.jwk());
    return o;
  }
}
