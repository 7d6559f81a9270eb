package io.j8s.kubelet.pod;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Where the pod workers report what they did (upstream's kubelet events: Pulling, Pulled,
 * Created, Started, Killing, BackOff, Failed, FailedPostStartHook, FailedPreStopHook...). Must not
 * block: the recorder writes asynchronously.
 */
@FunctionalInterface
public interface PodEvents {
  PodEvents NONE = (pod, fieldPath, type, reason, message) -> {};

  /**
   * @param fieldPath the involved object's field ({@code spec.containers{name}}), or null for the pod itself
   * @param type      Normal or Warning
   */
  void record(Pod pod, String fieldPath, String type, String reason, String message);

  /** {@code spec.containers{name}} or {@code spec.initContainers{name}}, as upstream's container references. */
  static String containerPath(Pod pod, String name) {
    if (pod.getSpec().getInitContainers() != null) {
      for (var c : pod.getSpec().getInitContainers()) if (c.getName().equals(name)) return "spec.initContainers{" + name + "}";
    }
    return "spec.containers{" + name + "}";
  }
}
