package io.j8s.kubelet.env;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Resolves a container's environment as upstream's kubelet (makeEnvironmentVariables): {@code envFrom} sources in
 * order (keys with the prefix; names that are not valid variable names skipped and reported), then {@code env} in
 * order, a {@code value} expanded against the variables so far and the service variables, a {@code valueFrom}
 * resolved from its source; a later definition of a name replaces an earlier one. Service variables the container
 * does not define itself come last. Each ConfigMap or Secret is read once per call.
 */
public final class EnvResolver {
  /** The names envFrom keeps (upstream's IsEnvVarName, the rule before relaxed env var names). */
  static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

  private final ObjectLookup lookup;

  public EnvResolver(ObjectLookup lookup) {
    this.lookup = lookup;
  }

  public ResolvedEnv resolve(Pod pod, Container container, EnvContext ctx) throws ContainerConfigException {
    String ns = pod.getMetadata().getNamespace();
    boolean links = !Boolean.FALSE.equals(pod.getSpec().getEnableServiceLinks());
    Map<String, String> serviceEnv;
    try {
      serviceEnv = ServiceEnv.forPod(ns, links, lookup.services());
    } catch (ObjectLookup.LookupException e) {
      // a static pod must start while the API is unreachable: it goes without the service variables then
      if (!isStatic(pod)) throw new ContainerConfigException(e.getMessage(), e);
      serviceEnv = Map.of();
    }
    Objects objects = new Objects(ns);
    Map<String, String> env = new LinkedHashMap<>();
    List<ResolvedEnv.Warning> warnings = new ArrayList<>();

    for (EnvFromSource from : list(container.getEnvFrom())) {
      String prefix = from.getPrefix() == null ? "" : from.getPrefix();
      Map<String, String> data;
      String kind;
      String name;
      if (from.getConfigMapRef() != null) {
        kind = "configMap";
        name = from.getConfigMapRef().getName();
        Optional<ConfigMap> cm = objects.configMap(name, isTrue(from.getConfigMapRef().getOptional()));
        if (cm.isEmpty()) continue;
        data = orEmpty(cm.get().getData());
      } else if (from.getSecretRef() != null) {
        kind = "secret";
        name = from.getSecretRef().getName();
        Optional<Secret> s = objects.secret(name, isTrue(from.getSecretRef().getOptional()));
        if (s.isEmpty()) continue;
        data = decoded(s.get());
      } else {
        continue;
      }
      List<String> invalid = new ArrayList<>();
      for (var e : new TreeMap<>(data).entrySet()) {
        String key = prefix + e.getKey();
        if (!ENV_NAME.matcher(key).matches()) {
          invalid.add(key);
          continue;
        }
        env.put(key, e.getValue());
      }
      if (!invalid.isEmpty()) {
        warnings.add(new ResolvedEnv.Warning("InvalidEnvironmentVariableNames", "Keys [" + String.join(", ", invalid)
            + "] from the EnvFrom " + kind + " " + ns + "/" + name
            + " were skipped since they are considered invalid environment variable names."));
      }
    }

    var mapping = Expansion.lookupIn(env, serviceEnv);
    for (io.fabric8.kubernetes.api.model.EnvVar v : list(container.getEnv())) {
      String value = v.getValue() == null ? "" : v.getValue();
      if (!value.isEmpty()) {
        value = Expansion.expand(value, mapping);
      } else if (v.getValueFrom() != null) {
        Optional<String> from = valueFrom(v.getValueFrom(), pod, container, ctx, objects);
        if (from.isEmpty()) continue; // optional and absent: not set
        value = from.get();
      }
      env.put(v.getName(), value);
    }

    List<EnvVar> vars = new ArrayList<>(env.size() + serviceEnv.size());
    env.forEach((k, val) -> vars.add(new EnvVar(k, val)));
    serviceEnv.forEach((k, val) -> {
      if (!env.containsKey(k)) vars.add(new EnvVar(k, val));
    });
    return new ResolvedEnv(vars, warnings);
  }

  private Optional<String> valueFrom(EnvVarSource src, Pod pod, Container container, EnvContext ctx, Objects objects)
      throws ContainerConfigException {
    String ns = pod.getMetadata().getNamespace();
    if (src.getFieldRef() != null) {
      return Optional.of(PodFields.forEnv(src.getFieldRef(), pod, ctx.podIPs(), ctx.hostIPs()));
    }
    if (src.getResourceFieldRef() != null) {
      return Optional.of(ResourceFields.value(src.getResourceFieldRef(), pod, container, ctx.nodeAllocatable()));
    }
    if (src.getConfigMapKeyRef() != null) {
      var ref = src.getConfigMapKeyRef();
      boolean optional = isTrue(ref.getOptional());
      Optional<ConfigMap> cm = objects.configMap(ref.getName(), optional);
      if (cm.isEmpty()) return Optional.empty();
      String value = orEmpty(cm.get().getData()).get(ref.getKey());
      if (value == null && !optional) throw ContainerConfigException.missingKey(ref.getKey(), "ConfigMap", ns, ref.getName());
      return Optional.ofNullable(value);
    }
    if (src.getSecretKeyRef() != null) {
      var ref = src.getSecretKeyRef();
      boolean optional = isTrue(ref.getOptional());
      Optional<Secret> s = objects.secret(ref.getName(), optional);
      if (s.isEmpty()) return Optional.empty();
      String value = decoded(s.get()).get(ref.getKey());
      if (value == null && !optional) throw ContainerConfigException.missingKey(ref.getKey(), "Secret", ns, ref.getName());
      return Optional.ofNullable(value);
    }
    return Optional.of("");
  }

  /** A Secret's data as text (the API carries it base64-encoded). */
  static Map<String, String> decoded(Secret s) throws ContainerConfigException {
    Map<String, String> out = new HashMap<>();
    for (var e : orEmpty(s.getData()).entrySet()) {
      try {
        out.put(e.getKey(), new String(Base64.getDecoder().decode(e.getValue()), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException ex) {
        throw new ContainerConfigException("secret " + s.getMetadata().getName() + " key " + e.getKey() + " is not base64", ex);
      }
    }
    return out;
  }

  /** The ConfigMaps and Secrets read during one resolution, each read once; empty = absent and optional. */
  private final class Objects {
    private final String namespace;
    private final Map<String, Optional<ConfigMap>> configMaps = new HashMap<>();
    private final Map<String, Optional<Secret>> secrets = new HashMap<>();

    Objects(String namespace) {
      this.namespace = namespace;
    }

    Optional<ConfigMap> configMap(String name, boolean optional) throws ContainerConfigException {
      Optional<ConfigMap> cm = configMaps.get(name);
      if (cm == null) {
        cm = read(() -> lookup.configMap(namespace, name));
        configMaps.put(name, cm);
      }
      if (cm.isEmpty() && !optional) throw ContainerConfigException.notFound("configmap", name);
      return cm;
    }

    Optional<Secret> secret(String name, boolean optional) throws ContainerConfigException {
      Optional<Secret> s = secrets.get(name);
      if (s == null) {
        s = read(() -> lookup.secret(namespace, name));
        secrets.put(name, s);
      }
      if (s.isEmpty() && !optional) throw ContainerConfigException.notFound("secret", name);
      return s;
    }

    private <T> Optional<T> read(java.util.function.Supplier<Optional<T>> get) throws ContainerConfigException {
      try {
        return get.get();
      } catch (ObjectLookup.LookupException e) {
        throw new ContainerConfigException(e.getMessage(), e);
      }
    }
  }

  private static boolean isTrue(Boolean b) {
    return Boolean.TRUE.equals(b);
  }

  private static Map<String, String> orEmpty(Map<String, String> m) {
    return m == null ? Map.of() : m;
  }

  private static <T> List<T> list(List<T> l) {
    return l == null ? List.of() : l;
  }

  /** A pod of the node's static manifests (upstream's config.source annotation other than api). */
  static boolean isStatic(Pod pod) {
    Map<String, String> a = pod.getMetadata().getAnnotations();
    String source = a == null ? null : a.get("kubernetes.io/config.source");
    return source != null && !source.equals("api");
  }
}
