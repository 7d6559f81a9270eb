package io.j8s.kubelet.volume;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.j8s.base.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real {@link TokenSource}: a TokenRequest for the pod's service account, bound to the pod by name and uid,
 * with the projection's audience and lifetime; tokens are cached per (pod, account, audience, lifetime) and asked
 * for again when {@link TokenRefresh} says so. A failed refresh keeps serving the cached token while it is valid.
 * Each pod sync re-plans its volumes, which is how a refreshed token reaches the projected file; expired entries
 * (those of deleted pods among them) are dropped on every call.
 */
public final class TokenRequestSource implements TokenSource {
  /** Asks the API for a token. */
  @FunctionalInterface
  public interface Requester {
    TokenRequest request(String namespace, String serviceAccount, TokenRequest request);
  }

  private record Key(String podUid, String namespace, String serviceAccount, String audience, long seconds) {}

  private record Cached(String token, Instant expiry) {}

  private final Requester requester;
  private final Clock clock;
  private final Map<Key, Cached> cache = new ConcurrentHashMap<>();

  public TokenRequestSource(Requester requester, Clock clock) {
    this.requester = requester;
    this.clock = clock;
  }

  /** Over the agent's client: {@code serviceAccounts().inNamespace(ns).withName(sa).tokenRequest(...)}. */
  public static TokenRequestSource over(KubernetesClient client, Clock clock) {
    return new TokenRequestSource((ns, sa, tr) -> client.serviceAccounts().inNamespace(ns).withName(sa).tokenRequest(tr), clock);
  }

  @Override public String token(Pod pod, String audience, long expirationSeconds) throws TokenUnavailableException {
    String ns = pod.getMetadata().getNamespace();
    String sa = pod.getSpec().getServiceAccountName() == null || pod.getSpec().getServiceAccountName().isEmpty()
        ? "default" : pod.getSpec().getServiceAccountName();
    Instant now = clock.now();
    cache.values().removeIf(c -> !now.isBefore(c.expiry()));
    Key key = new Key(pod.getMetadata().getUid(), ns, sa, audience, expirationSeconds);
    Cached cached = cache.get(key);
    if (cached != null && !TokenRefresh.needed(now, cached.expiry(), expirationSeconds)) return cached.token();
    TokenRequest tr = new TokenRequestBuilder().withNewSpec()
        .withAudiences(audience.isEmpty() ? List.of() : List.of(audience))
        .withExpirationSeconds(expirationSeconds)
        .withNewBoundObjectRef().withApiVersion("v1").withKind("Pod").withName(pod.getMetadata().getName())
        .withUid(pod.getMetadata().getUid()).endBoundObjectRef()
        .endSpec().build();
    try {
      TokenRequest answer = requester.request(ns, sa, tr);
      if (answer == null || answer.getStatus() == null || answer.getStatus().getToken() == null) {
        throw new TokenUnavailableException("the TokenRequest for service account " + ns + "/" + sa + " returned no token");
      }
      Cached fresh = new Cached(answer.getStatus().getToken(), Instant.parse(answer.getStatus().getExpirationTimestamp()));
      cache.put(key, fresh);
      return fresh.token();
    } catch (KubernetesClientException | java.time.format.DateTimeParseException e) {
      if (cached != null && now.isBefore(cached.expiry())) return cached.token();
      throw new TokenUnavailableException("cannot get a token for service account " + ns + "/" + sa + ": " + e.getMessage());
    }
  }

  int cached() { return cache.size(); }
}
