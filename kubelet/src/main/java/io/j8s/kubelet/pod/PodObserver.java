package io.j8s.kubelet.pod;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;

/**
 * Told by the pod worker after each sync of a pod that still exists, on that pod's worker (so
 * never concurrently for one pod), with the status the sync computed, and when a pod's runtime
 * objects are gone for good. Must not block for long.
 */
@FunctionalInterface
public interface PodObserver {
  PodObserver NONE = (pod, status) -> {};

  void synced(Pod pod, PodStatus status);

  /** The pod's runtime objects are gone for good. */
  default void removed(String podUid) {}
}
