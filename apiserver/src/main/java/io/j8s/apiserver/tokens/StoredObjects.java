package io.j8s.apiserver.tokens;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceRegistry;
import io.j8s.api.registry.ResourceType;
import io.j8s.apiserver.store.ObjectStore;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** {@link BoundObjects} read from the datastore at each call (tokens are checked against the current objects). */
public final class StoredObjects implements BoundObjects {
  static final ResourceRegistry REGISTRY = ResourceRegistry.builtins();
  static final ResourceType SERVICE_ACCOUNTS = REGISTRY.byPlural("", "v1", "serviceaccounts").orElseThrow();
  static final ResourceType PODS = REGISTRY.byPlural("", "v1", "pods").orElseThrow();
  static final ResourceType SECRETS = REGISTRY.byPlural("", "v1", "secrets").orElseThrow();
  static final ResourceType NODES = REGISTRY.byPlural("", "v1", "nodes").orElseThrow();

  private final ObjectStore store;

  public StoredObjects(ObjectStore store) { this.store = store; }

  @Override public Optional<Live> serviceAccount(String namespace, String name) { return live(SERVICE_ACCOUNTS, namespace, name); }

  @Override public Optional<Live> pod(String namespace, String name) { return live(PODS, namespace, name); }

  @Override public Optional<Live> secret(String namespace, String name) { return live(SECRETS, namespace, name); }

  @Override public Optional<Live> node(String name) { return live(NODES, null, name); }

  private Optional<Live> live(ResourceType t, String ns, String name) {
    return store.get(t, ns, name).map(StoredObjects::live);
  }

  static Live live(ObjectNode o) {
    String dt = o.path("metadata").path("deletionTimestamp").asText("");
    Instant deletion = null;
    if (!dt.isEmpty()) {
      try {
        deletion = Instant.parse(dt);
      } catch (DateTimeParseException e) {
        deletion = Instant.EPOCH;
      }
    }
    return new Live(o.path("metadata").path("uid").asText(""), deletion);
  }
}
