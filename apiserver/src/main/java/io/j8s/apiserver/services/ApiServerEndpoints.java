package io.j8s.apiserver.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.j8s.api.defaults.Defaulter;
import io.j8s.api.registry.ResourceRegistry;
import io.j8s.api.registry.ResourceType;
import io.j8s.apiserver.errors.ApiException;
import io.j8s.apiserver.rest.ServerStamps;
import io.j8s.apiserver.rest.WriteHook;
import io.j8s.apiserver.store.Json;
import io.j8s.apiserver.store.ObjectStore;
import io.j8s.storage.Backend;
import io.j8s.storage.KeyValue;
import io.j8s.storage.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upstream's "kubernetes" service and endpoint reconciler, kept simple: each API server renews
 * a lease key {@code /registry/j8s.io/apiserverleases/<address>:<port>} holding its advertise addresses
 * and secure port; on every tick a server renews its own, deletes expired ones, and writes the
 * Endpoints and EndpointSlice {@code default/kubernetes} from the live ones (only when they
 * differ, with compare-and-swap, so several servers converge instead of fighting). On close a
 * server deletes its lease and takes itself out at once.
 */
final class ApiServerEndpoints {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServerEndpoints.class);
  static final String LEASES = "/registry/j8s.io/apiserverleases/";
  private static final ObjectMapper MODEL = Serialization.jsonMapper();
  private static final ResourceRegistry REGISTRY = ResourceRegistry.builtins();
  static final ResourceType SERVICES = REGISTRY.byPlural("", "v1", "services").orElseThrow();
  private static final ResourceType ENDPOINTS = REGISTRY.byPlural("", "v1", "endpoints").orElseThrow();
  private static final ResourceType SLICES = REGISTRY.byPlural("discovery.k8s.io", "v1", "endpointslices").orElseThrow();

  private final ObjectStore store;
  private final Backend backend;
  private final Clock clock;
  private final Duration ttl;
  private volatile KubernetesService.Lease own;

  ApiServerEndpoints(ObjectStore store, Clock clock, Duration ttl) {
    this.store = store;
    this.backend = store.backend();
    this.clock = clock;
    this.ttl = ttl;
  }

  /** Creates default/kubernetes with the first IP of the range if it does not exist. */
  void ensureService(WriteHook allocator, String clusterIp, int securePort) {
    if (store.get(SERVICES, KubernetesService.NAMESPACE, KubernetesService.NAME).isPresent()) return;
    ObjectNode svc = canonicalService(KubernetesService.service(clusterIp, securePort));
    WriteHook.Finish claims;
    try {
      claims = allocator.claim(SERVICES, svc, null, false);
    } catch (ApiException e) {
      LOG.error("cannot create the kubernetes Service: {}", e.getMessage());
      return;
    }
    boolean stored = false;
    try {
      store.create(SERVICES, KubernetesService.NAMESPACE, KubernetesService.NAME, svc);
      stored = true;
    } catch (StorageException.KeyExists e) {
      // another API server made it first
    } finally {
      claims.done(stored);
    }
  }

  private static ObjectNode canonicalService(ObjectNode raw) {
    try {
      Service typed = MODEL.treeToValue(raw, Service.class);
      Defaulter.apply(typed);
      ObjectNode o = MODEL.valueToTree(typed);
      Json.meta(o).put("uid", ServerStamps.uid()).put("creationTimestamp", now()).put("generation", 1);
      return o;
    } catch (Exception e) {
      throw new IllegalStateException("the kubernetes Service does not decode", e);
    }
  }

  /** Starts (or renews) this server's lease and reconciles. */
  void renewAndReconcile(List<String> addresses, int port) {
    KubernetesService.Lease lease = new KubernetesService.Lease(addresses.get(0) + ":" + port, addresses, port, clock.millis());
    own = lease;
    put(LEASES + lease.id(), Json.bytes(lease.toJson()));
    reconcile();
  }

  /** Deletes this server's lease and takes it out of the endpoints. */
  void leave() {
    KubernetesService.Lease lease = own;
    if (lease == null) return;
    try {
      backend.delete(LEASES + lease.id(), 0);
    } catch (StorageException.NotFound e) {
      // expired and removed already
    }
    reconcile();
  }

  void reconcile() {
    long now = clock.millis();
    List<KubernetesService.Lease> leases = new ArrayList<>();
    for (KeyValue kv : backend.list(LEASES, null, 0, 0).items()) {
      KubernetesService.Lease l = decode(kv);
      if (l != null && l.live(now, ttl.toMillis())) {
        leases.add(l);
      } else {
        try {
          backend.delete(kv.key(), kv.modRevision());
        } catch (StorageException.NotFound | StorageException.Conflict e) {
          // renewed or removed meanwhile
        }
      }
    }
    List<KubernetesService.Endpoint> eps = KubernetesService.endpoints(leases, now, ttl.toMillis());
    upsert(ENDPOINTS, KubernetesService.endpointsObject(eps), "subsets");
    upsert(SLICES, KubernetesService.endpointSliceObject(eps), "addressType", "endpoints", "ports");
  }

  private static KubernetesService.Lease decode(KeyValue kv) {
    try {
      return KubernetesService.Lease.fromJson(kv.key().substring(LEASES.length()), Json.parseObject(kv.value()));
    } catch (Exception e) {
      return null;
    }
  }

  /** Writes the desired body fields and labels if the stored object differs; a lost race waits for the next tick. */
  private void upsert(ResourceType t, ObjectNode desired, String... fields) {
    String ns = KubernetesService.NAMESPACE;
    String name = KubernetesService.NAME;
    Optional<ObjectNode> current = store.get(t, ns, name);
    try {
      if (current.isEmpty()) {
        Json.meta(desired).put("uid", ServerStamps.uid()).put("creationTimestamp", now());
        store.create(t, ns, name, desired);
        return;
      }
      ObjectNode next = current.get().deepCopy();
      for (String f : fields) next.set(f, desired.get(f));
      JsonNode labels = desired.path("metadata").path("labels");
      labels.fields().forEachRemaining(e -> Json.meta(next).with("labels").set(e.getKey(), e.getValue()));
      if (next.equals(current.get())) return;
      Json.meta(next).remove("resourceVersion");
      store.update(t, ns, name, next, Long.parseLong(Json.meta(current.get()).path("resourceVersion").asText("0")));
    } catch (StorageException.KeyExists | StorageException.Conflict | StorageException.NotFound e) {
      LOG.debug("{} kubernetes changed meanwhile; next tick", t.plural());
    }
  }

  private void put(String key, byte[] value) {
    try {
      Optional<KeyValue> cur = backend.get(key);
      if (cur.isPresent()) backend.update(key, value, cur.get().modRevision());
      else backend.create(key, value);
    } catch (StorageException.KeyExists | StorageException.Conflict | StorageException.NotFound e) {
      LOG.debug("lease {} changed meanwhile; next tick", key);
    }
  }

  private static String now() { return ServerStamps.now(); }
}
