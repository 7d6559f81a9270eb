package io.j8s.apiserver.tokens;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.apiserver.auth.UserInfo;
import io.j8s.base.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Authenticates a bearer token as a service account, as upstream's JWT token authenticator with the
 * service-account validator: the RS256 signature with our key, the issuer, an audience the API
 * accepts, {@code exp}/{@code nbf}/{@code iat} with upstream's one-minute leeway, then the live
 * objects: the service account and any bound pod or secret (or node, when bound to it directly)
 * must exist with the token's uid and not have been deleted more than a minute ago.
 */
public final class TokenValidator {
  static final long LEEWAY_SECONDS = 60;
  public static final String EXTRA_POD_NAME = "authentication.kubernetes.io/pod-name";
  public static final String EXTRA_POD_UID = "authentication.kubernetes.io/pod-uid";
  public static final String EXTRA_NODE_NAME = "authentication.kubernetes.io/node-name";
  public static final String EXTRA_NODE_UID = "authentication.kubernetes.io/node-uid";
  public static final String EXTRA_CREDENTIAL_ID = "authentication.kubernetes.io/credential-id";

  /** The outcome for one bearer token. */
  public sealed interface Verdict {
    /** A valid service account token. */
    record Valid(UserInfo user, TokenClaims claims) implements Verdict {}

    /** A JWT that must be refused (401), and why (for the log, never the client). */
    record Invalid(String reason) implements Verdict {}

    /** Not a JWT at all: other token authenticators may know it. */
    record NotJwt() implements Verdict {}
  }

  private final SigningKey key;
  private final String issuer;
  private final List<String> audiences;
  private final BoundObjects objects;
  private final Clock clock;

  /** @param audiences the API's audiences: a token must name at least one of them */
  public TokenValidator(SigningKey key, String issuer, List<String> audiences, BoundObjects objects, Clock clock) {
    this.key = key;
    this.issuer = issuer;
    this.audiences = List.copyOf(audiences);
    this.objects = objects;
    this.clock = clock;
  }

  public Verdict validate(String token) {
    if (!Jwt.looksLikeJwt(token)) return new Verdict.NotJwt();
    TokenClaims c;
    try {
      ObjectNode json = Jwt.verify(key, token);
      if (!issuer.equals(json.path("iss").asText())) return invalid("issuer \"" + json.path("iss").asText() + "\" is not " + issuer);
      c = TokenClaims.fromJson(json);
    } catch (Jwt.Invalid | IllegalArgumentException e) {
      return invalid(e.getMessage());
    }
    if (c.audiences().stream().noneMatch(audiences::contains)) return invalid("token audiences " + c.audiences() + " are not the API's " + audiences);
    Instant nowInstant = clock.now();
    long now = nowInstant.getEpochSecond();
    if (now > c.expiry() + LEEWAY_SECONDS) return invalid("service account token has expired");
    if (now < c.notBefore() - LEEWAY_SECONDS) return invalid("service account token is not valid yet");
    if (now < c.issuedAt() - LEEWAY_SECONDS) return invalid("service account token is issued in the future");
    Instant deletedBefore = nowInstant.minusSeconds(LEEWAY_SECONDS);
    String ns = c.namespace();
    String problem = check("ServiceAccount", ns, c.serviceAccount(), objects.serviceAccount(ns, c.serviceAccount().name()), deletedBefore);
    if (problem == null && c.pod() != null) problem = check("Pod", ns, c.pod(), objects.pod(ns, c.pod().name()), deletedBefore);
    if (problem == null && c.secret() != null) problem = check("Secret", ns, c.secret(), objects.secret(ns, c.secret().name()), deletedBefore);
    if (problem == null && c.node() != null && c.pod() == null) problem = check("Node", "", c.node(), objects.node(c.node().name()), deletedBefore);
    if (problem != null) return invalid(problem);
    return new Verdict.Valid(user(c), c);
  }

  private static String check(String kind, String ns, TokenClaims.Ref ref, Optional<BoundObjects.Live> live, Instant deletedBefore) {
    String what = kind + " " + (ns.isEmpty() ? "" : ns + "/") + ref.name();
    if (live.isEmpty()) return what + " has been deleted";
    if (!live.get().uid().equals(ref.uid())) return what + " UID (" + live.get().uid() + ") does not match the token's (" + ref.uid() + ")";
    Instant dt = live.get().deletionTimestamp();
    if (dt != null && dt.isBefore(deletedBefore)) return what + " is being deleted: the token has been invalidated";
    return null;
  }

  /** The user a valid token stands for, as upstream's serviceaccount.UserInfo. */
  static UserInfo user(TokenClaims c) {
    List<String> groups = new ArrayList<>(List.of("system:serviceaccounts", "system:serviceaccounts:" + c.namespace(), UserInfo.AUTHENTICATED));
    Map<String, List<String>> extra = new LinkedHashMap<>();
    if (c.pod() != null) {
      extra.put(EXTRA_POD_NAME, List.of(c.pod().name()));
      extra.put(EXTRA_POD_UID, List.of(c.pod().uid()));
    }
    if (c.node() != null) {
      extra.put(EXTRA_NODE_NAME, List.of(c.node().name()));
      extra.put(EXTRA_NODE_UID, List.of(c.node().uid()));
    }
    if (!c.jti().isEmpty()) extra.put(EXTRA_CREDENTIAL_ID, List.of("JTI=" + c.jti()));
    return new UserInfo(c.subject(), c.serviceAccount().uid(), groups, extra);
  }

  private static Verdict invalid(String reason) { return new Verdict.Invalid(reason); }
}
