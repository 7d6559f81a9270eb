package io.j8s.apiserver.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.apiserver.auth.UserInfo;
import io.j8s.base.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenValidatorTest {
  static final SigningKey KEY = SigningKey.generate();
  static final SigningKey OTHER_KEY = SigningKey.generate();
  static final String ISS = TokenIssuer.DEFAULT_ISSUER;
  static final TokenClaims.Ref SA = new TokenClaims.Ref("robot", "sa-uid-1");
  static final TokenClaims.Ref POD = new TokenClaims.Ref("web-0", "pod-uid-1");
  static final TokenClaims.Ref NODE = new TokenClaims.Ref("node-a", "node-uid-1");

  final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  final Objects objects = new Objects();
  final TokenIssuer issuer = new TokenIssuer(KEY, ISS, List.of(ISS), clock);
  final TokenValidator validator = issuer.validator(objects);

  /** Map-backed live objects: key "kind/ns/name". */
  static final class Objects implements BoundObjects {
    final Map<String, Live> live = new HashMap<>();

    void put(String kind, String ns, TokenClaims.Ref r) { live.put(kind + "/" + ns + "/" + r.name(), new Live(r.uid(), null)); }

    @Override public Optional<Live> serviceAccount(String ns, String name) { return Optional.ofNullable(live.get("sa/" + ns + "/" + name)); }

    @Override public Optional<Live> pod(String ns, String name) { return Optional.ofNullable(live.get("pod/" + ns + "/" + name)); }

    @Override public Optional<Live> secret(String ns, String name) { return Optional.ofNullable(live.get("secret/" + ns + "/" + name)); }

    @Override public Optional<Live> node(String name) { return Optional.ofNullable(live.get("node//" + name)); }
  }

  TokenValidatorTest() {
    objects.put("sa", "team", SA);
    objects.put("pod", "team", POD);
    objects.put("node", "", NODE);
  }

  String podToken(long seconds) { return issuer.issue("team", SA, List.of(), seconds, POD, null, NODE).token(); }

  TokenValidator.Verdict check(String token) { return validator.validate(token); }

  static void assertInvalid(TokenValidator.Verdict v, String reasonPart) {
    assertThat(v).isInstanceOf(TokenValidator.Verdict.Invalid.class);
    assertThat(((TokenValidator.Verdict.Invalid) v).reason()).contains(reasonPart);
  }

  @Test
  void validPodBoundTokenIsTheServiceAccountWithUpstreamsGroupsAndExtra() {
    TokenValidator.Verdict v = check(podToken(3600));
    assertThat(v).isInstanceOf(TokenValidator.Verdict.Valid.class);
    UserInfo u = ((TokenValidator.Verdict.Valid) v).user();
    assertThat(u.name()).isEqualTo("system:serviceaccount:team:robot");
    assertThat(u.uid()).isEqualTo("sa-uid-1");
    assertThat(u.groups()).containsExactly("system:serviceaccounts", "system:serviceaccounts:team", "system:authenticated");
    assertThat(u.extra()).containsEntry(TokenValidator.EXTRA_POD_NAME, List.of("web-0"))
        .containsEntry(TokenValidator.EXTRA_POD_UID, List.of("pod-uid-1"))
        .containsEntry(TokenValidator.EXTRA_NODE_NAME, List.of("node-a"))
        .containsEntry(TokenValidator.EXTRA_NODE_UID, List.of("node-uid-1"));
    assertThat(u.extra().get(TokenValidator.EXTRA_CREDENTIAL_ID).get(0)).startsWith("JTI=");
  }

  @Test
  void unboundTokenHasNoExtraButTheCredentialId() {
    String t = issuer.issue("team", SA, List.of(), 600, null, null, null).token();
    UserInfo u = ((TokenValidator.Verdict.Valid) check(t)).user();
    assertThat(u.extra()).containsOnlyKeys(TokenValidator.EXTRA_CREDENTIAL_ID);
  }

  @Test
  void claimsAreUpstreams() throws Exception {
    String t = podToken(3600);
    ObjectNode claims = (ObjectNode) new ObjectMapper().readTree(Base64.getUrlDecoder().decode(t.split("\\.")[1]));
    assertThat(claims.path("iss").asText()).isEqualTo(ISS);
    assertThat(claims.path("sub").asText()).isEqualTo("system:serviceaccount:team:robot");
    assertThat(claims.path("aud").get(0).asText()).isEqualTo(ISS);
    long now = clock.now().getEpochSecond();
    assertThat(claims.path("iat").asLong()).isEqualTo(now);
    assertThat(claims.path("nbf").asLong()).isEqualTo(now);
    assertThat(claims.path("exp").asLong()).isEqualTo(now + 3600);
    assertThat(claims.path("jti").asText()).hasSize(36);
    ObjectNode k = (ObjectNode) claims.path("kubernetes.io");
    assertThat(k.path("namespace").asText()).isEqualTo("team");
    assertThat(k.path("serviceaccount").path("uid").asText()).isEqualTo("sa-uid-1");
    assertThat(k.path("pod").path("name").asText()).isEqualTo("web-0");
    assertThat(k.path("node").path("uid").asText()).isEqualTo("node-uid-1");
    ObjectNode header = (ObjectNode) new ObjectMapper().readTree(Base64.getUrlDecoder().decode(t.split("\\.")[0]));
    assertThat(header.path("alg").asText()).isEqualTo("RS256");
    assertThat(header.path("kid").asText()).isEqualTo(KEY.keyId());
  }

  @Test
  void expiryIsEnforcedWithUpstreamsOneMinuteLeeway() {
    String t = podToken(600);
    clock.advance(Duration.ofSeconds(600 + 60));
    assertThat(check(t)).isInstanceOf(TokenValidator.Verdict.Valid.class);
    clock.advance(Duration.ofSeconds(1));
    assertInvalid(check(t), "expired");
  }

  @Test
  void notYetValidTokensAreRefused() {
    ManualClock future = new ManualClock(clock.now().plusSeconds(3600));
    String t = new TokenIssuer(KEY, ISS, List.of(ISS), future).issue("team", SA, List.of(), 7200, null, null, null).token();
    assertInvalid(check(t), "not valid yet");
    clock.advance(Duration.ofSeconds(3600 - 60));
    assertThat(check(t)).isInstanceOf(TokenValidator.Verdict.Valid.class);
  }

  @Test
  void anotherKeysSignatureIsRefused() {
    String t = new TokenIssuer(OTHER_KEY, ISS, List.of(ISS), clock).issue("team", SA, List.of(), 3600, POD, null, NODE).token();
    assertInvalid(check(t), "signature");
  }

  @Test
  void tamperedClaimsAreRefused() {
    String[] parts = podToken(3600).split("\\.");
    String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"robot\"", "\"admin\"");
    String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    assertInvalid(check(forged), "signature");
  }

  @Test
  void unsignedAndOtherAlgorithmsAreRefused() {
    String[] parts = podToken(3600).split("\\.");
    String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
    assertInvalid(check(none + "." + parts[1] + "." + parts[2]), "algorithm");
    assertInvalid(check(parts[0] + "." + parts[1] + ".AAAA"), "signature");
    assertInvalid(check("a.b.c"), "malformed");
  }

  @Test
  void wrongIssuerIsRefused() {
    String t = new TokenIssuer(KEY, "https://elsewhere.example", List.of(ISS), clock).issue("team", SA, List.of(ISS), 3600, null, null, null).token();
    assertInvalid(check(t), "issuer");
  }

  @Test
  void wrongAudienceIsRefusedAndAnyApiAudienceAccepted() {
    assertInvalid(check(issuer.issue("team", SA, List.of("vault"), 3600, null, null, null).token()), "audiences");
    assertThat(check(issuer.issue("team", SA, List.of("vault", ISS), 3600, null, null, null).token()))
        .isInstanceOf(TokenValidator.Verdict.Valid.class);
  }

  @Test
  void deletedOrRecreatedServiceAccountInvalidatesTheToken() {
    String t = podToken(3600);
    objects.live.put("sa/team/robot", new BoundObjects.Live("sa-uid-2", null));
    assertInvalid(check(t), "does not match");
    objects.live.remove("sa/team/robot");
    assertInvalid(check(t), "ServiceAccount team/robot has been deleted");
  }

  @Test
  void deletedOrRecreatedPodInvalidatesTheToken() {
    String t = podToken(3600);
    objects.live.put("pod/team/web-0", new BoundObjects.Live("pod-uid-2", null));
    assertInvalid(check(t), "Pod team/web-0 UID");
    objects.live.remove("pod/team/web-0");
    assertInvalid(check(t), "Pod team/web-0 has been deleted");
  }

  @Test
  void aPodBeingDeletedKeepsItsTokenForAMinuteAfterItsDeletionTimestamp() {
    String t = podToken(3600);
    objects.live.put("pod/team/web-0", new BoundObjects.Live("pod-uid-1", clock.now().plusSeconds(30)));
    clock.advance(Duration.ofSeconds(90));
    assertThat(check(t)).isInstanceOf(TokenValidator.Verdict.Valid.class);
    clock.advance(Duration.ofSeconds(1));
    assertInvalid(check(t), "being deleted");
  }

  @Test
  void podBoundTokenDoesNotDependOnItsNode() {
    String t = podToken(3600);
    objects.live.remove("node//node-a");
    assertThat(check(t)).isInstanceOf(TokenValidator.Verdict.Valid.class);
  }

  @Test
  void nodeAndSecretBoundTokensNeedTheirObject() {
    String nodeToken = issuer.issue("team", SA, List.of(), 3600, null, null, NODE).token();
    TokenClaims.Ref secret = new TokenClaims.Ref("s", "secret-uid");
    objects.put("secret", "team", secret);
    String secretToken = issuer.issue("team", SA, List.of(), 3600, null, secret, null).token();
    assertThat(check(nodeToken)).isInstanceOf(TokenValidator.Verdict.Valid.class);
    assertThat(check(secretToken)).isInstanceOf(TokenValidator.Verdict.Valid.class);
    objects.live.remove("node//node-a");
    objects.live.remove("secret/team/s");
    assertInvalid(check(nodeToken), "Node node-a has been deleted");
    assertInvalid(check(secretToken), "Secret team/s has been deleted");
  }

  @Test
  void otherBearerTokensAreNotJwts() {
    assertThat(check("K10abc::server:def")).isInstanceOf(TokenValidator.Verdict.NotJwt.class);
    assertThat(check("static-token")).isInstanceOf(TokenValidator.Verdict.NotJwt.class);
    assertThat(check("a..c")).isInstanceOf(TokenValidator.Verdict.NotJwt.class);
  }

  @Test
  void discoveryDocumentsNameTheIssuerAndKey() {
    assertThat(issuer.openidConfiguration().path("issuer").asText()).isEqualTo(ISS);
    assertThat(issuer.openidConfiguration().path("jwks_uri").asText()).isEqualTo(ISS + "/openid/v1/jwks");
    ObjectNode jwk = (ObjectNode) issuer.jwks().path("keys").get(0);
    assertThat(jwk.path("kid").asText()).isEqualTo(KEY.keyId());
    assertThat(jwk.path("kty").asText()).isEqualTo("RSA");
    assertThat(jwk.path("e").asText()).isEqualTo("AQAB");
    assertThat(Base64.getUrlDecoder().decode(jwk.path("n").asText())).hasSize(256);
  }
}
