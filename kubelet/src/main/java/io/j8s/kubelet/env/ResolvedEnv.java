package io.j8s.kubelet.env;

import io.j8s.kubelet.cri.v1.KeyValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's environment in a stable order (envFrom keys sorted per source, then {@code env} in declaration
 * order, a redefined name keeping its first position; then the remaining service variables sorted by name), plus the
 * events the kubelet should record (upstream's {@code InvalidEnvironmentVariableNames} warnings).
 */
public record ResolvedEnv(List<EnvVar> vars, List<Warning> warnings) {
  public ResolvedEnv {
    vars = List.copyOf(vars);
    warnings = List.copyOf(warnings);
  }

  /** For {@code ContainerConfig.envs}. */
  public List<KeyValue> toCri() {
    return vars.stream().map(EnvVar::toCri).toList();
  }

  public Map<String, String> asMap() {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (EnvVar v : vars) m.put(v.name(), v.value());
    return m;
  }

  public Optional<String> get(String name) {
    return vars.stream().filter(v -> v.name().equals(name)).map(EnvVar::value).findFirst();
  }

  /** An event for the pod: type Warning, {@code reason}, {@code message}. */
  public record Warning(String reason, String message) {}
}
