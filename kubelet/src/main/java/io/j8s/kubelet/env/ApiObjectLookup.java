package io.j8s.kubelet.env;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.j8s.base.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The objects a pod refers to, read through the API. ConfigMaps and Secrets are fetched with a GET per object and
 * kept for {@code ttl} (upstream's "Cache" change-detection strategy): the node reads only what its pods name, which
 * keeps the agent's memory flat however many Secrets the cluster holds and works under a node authorizer that
 * forbids listing them; a change shows up within ttl plus the pod worker's sync period. Services, which the
 * environment needs all of, come from one shared informer, as upstream's service lister; until it has listed once,
 * {@link #services} fails with upstream's message so no pod starts without {@code KUBERNETES_SERVICE_HOST}.
 */
public final class ApiObjectLookup implements ObjectLookup, AutoCloseable {
  private static final int PRUNE_ABOVE = 256;

  private final KubernetesClient client;
  private final Duration ttl;
  private final Clock clock;
  private final SharedIndexInformer<Service> services;
  private final Map<String, Entry<?>> cache = new ConcurrentHashMap<>();

  private record Entry<T>(Optional<T> value, long fetchedAt) {}

  private ApiObjectLookup(KubernetesClient client, Duration ttl, Clock clock, SharedIndexInformer<Service> services) {
    this.client = client;
    this.ttl = ttl;
    this.clock = clock;
    this.services = services;
  }

  /** Starts the service informer (without waiting for its first list). */
  public static ApiObjectLookup start(KubernetesClient client, Duration ttl, Clock clock) {
    SharedIndexInformer<Service> informer = client.services().inAnyNamespace().runnableInformer(0);
    informer.start();
    return new ApiObjectLookup(client, ttl, clock, informer);
  }

  @Override
  public Optional<ConfigMap> configMap(String namespace, String name) {
    return cached("configmap/" + namespace + "/" + name,
        () -> client.configMaps().inNamespace(namespace).withName(name).get());
  }

  @Override
  public Optional<Secret> secret(String namespace, String name) {
    return cached("secret/" + namespace + "/" + name, () -> client.secrets().inNamespace(namespace).withName(name).get());
  }

  @Override
  public List<Service> services() {
    if (!services.hasSynced()) {
      throw new LookupException("services have not yet been read at least once, cannot construct envvars");
    }
    return services.getStore().list();
  }

  /** Forgets what was read, so the next lookup of each object goes to the API. */
  public void invalidate() {
    cache.clear();
  }

  @SuppressWarnings("unchecked")
  private <T> Optional<T> cached(String key, Supplier<T> get) {
    long now = clock.nanoTime();
    Entry<T> e = (Entry<T>) cache.get(key);
    if (e != null && now - e.fetchedAt() < ttl.toNanos()) return e.value();
    Optional<T> value;
    try {
      value = Optional.ofNullable(get.get()); // fabric8's get() answers null for 404
    } catch (KubernetesClientException ex) {
      throw new LookupException("cannot read " + key + ": " + ex.getMessage(), ex);
    }
    if (cache.size() > PRUNE_ABOVE) cache.values().removeIf(x -> now - x.fetchedAt() >= ttl.toNanos());
    cache.put(key, new Entry<>(value, now));
    return value;
  }

  @Override
  public void close() {
    services.close();
  }
}
