package io.j8s.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.j8s.kubelet.cri.v1.KeyValue;
import io.j8s.kubelet.cri.v1.Mount;
import java.util.ArrayList;
import java.util.List;

/**
 * The seam for the env and volume subsystems: what a container gets besides its spec. Called by
 * the pod worker just before each CreateContainer (on a worker thread; blocking I/O is fine).
 * Throwing {@link ContainerConfigException} leaves the container waiting with
 * {@code CreateContainerConfigError}. {@link #VALUES_ONLY} is the built-in: env {@code value}
 * entries only, no mounts.
 */
public interface ContainerInputs {
  /** What the pod worker knows about the pod when it creates a container. */
  record PodContext(String podIp, List<String> podIps, String hostIp) {}

  /** The container's environment in order (later entries win, as upstream) and its mounts. */
  record Resolved(List<KeyValue> env, List<Mount> mounts) {
    public Resolved {
      env = List.copyOf(env);
      mounts = List.copyOf(mounts);
    }
  }

  Resolved resolve(Pod pod, Container container, PodContext context) throws ContainerConfigException;

  /**
   * Called when the pod's sandbox is being created, on another thread, so that slow set-up (volumes:
   * token requests, object lookups, files) overlaps RunPodSandbox; {@link #resolve} follows once it
   * returned and must work whether it succeeded or not. Never throws.
   */
  default void prepare(Pod pod) {}

  /** The pod's runtime objects are gone for good (pod deleted): release what was set up for it. */
  default void podRemoved(String podUid) {}

  /** {@code env[].value} entries (with {@code $(VAR)} expansion of earlier entries), nothing else. */
  ContainerInputs VALUES_ONLY = (pod, container, context) -> new Resolved(valueEnv(container), List.of());

  static List<KeyValue> valueEnv(Container container) {
    List<KeyValue> out = new ArrayList<>();
    if (container.getEnv() == null) return out;
    java.util.Map<String, String> seen = new java.util.HashMap<>();
    for (EnvVar e : container.getEnv()) {
      if (e.getValueFrom() != null) continue;
      String v = VarExpansion.expand(e.getValue() == null ? "" : e.getValue(), seen);
      seen.put(e.getName(), v);
      out.add(KeyValue.newBuilder().setKey(e.getName()).setValue(v).build());
    }
    return out;
  }
}
