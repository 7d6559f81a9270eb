package io.j8s.kubelet.env;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory {@link ObjectLookup} for tests; counts reads. */
public final class MapLookup implements ObjectLookup {
  private final Map<String, ConfigMap> configMaps = new ConcurrentHashMap<>();
  private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
  private final List<Service> services = new ArrayList<>();
  public final AtomicInteger reads = new AtomicInteger();
  public volatile String failWith;

  public MapLookup configMap(String ns, String name, Map<String, String> data) {
    configMaps.put(ns + "/" + name, new ConfigMapBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata()
        .withData(new LinkedHashMap<>(data)).build());
    return this;
  }

  public MapLookup binaryConfigMap(String ns, String name, Map<String, String> data, Map<String, byte[]> binary) {
    Map<String, String> b = new LinkedHashMap<>();
    binary.forEach((k, v) -> b.put(k, Base64.getEncoder().encodeToString(v)));
    configMaps.put(ns + "/" + name, new ConfigMapBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata()
        .withData(new LinkedHashMap<>(data)).withBinaryData(b).build());
    return this;
  }

  public MapLookup secret(String ns, String name, Map<String, String> data) {
    Map<String, String> enc = new LinkedHashMap<>();
    data.forEach((k, v) -> enc.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    secrets.put(ns + "/" + name, new SecretBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata()
        .withData(enc).build());
    return this;
  }

  public MapLookup remove(String ns, String name) {
    configMaps.remove(ns + "/" + name);
    secrets.remove(ns + "/" + name);
    return this;
  }

  public MapLookup service(Service s) {
    services.add(s);
    return this;
  }

  @Override
  public Optional<ConfigMap> configMap(String namespace, String name) {
    reads.incrementAndGet();
    if (failWith != null) throw new LookupException(failWith);
    return Optional.ofNullable(configMaps.get(namespace + "/" + name));
  }

  @Override
  public Optional<Secret> secret(String namespace, String name) {
    reads.incrementAndGet();
    if (failWith != null) throw new LookupException(failWith);
    return Optional.ofNullable(secrets.get(namespace + "/" + name));
  }

  @Override
  public List<Service> services() {
    return List.copyOf(services);
  }
}
