package io.j8s.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Taint;
import java.util.List;

/** One change the node lifecycle controller makes. */
public sealed interface LifecycleAction {
  /** Set Ready (and the pressure conditions) to Unknown, reason NodeStatusUnknown: the kubelet stopped posting. */
  record MarkUnknown(String node) implements LifecycleAction {}

  /** Add these taints and remove those (matched by key and effect). */
  record UpdateTaints(String node, List<Taint> add, List<Taint> remove) implements LifecycleAction {}

  /** Set the pod's Ready condition False: its node is lost. */
  record MarkPodNotReady(String namespace, String name) implements LifecycleAction {}

  /** Delete the pod: a NoExecute taint on its node is not tolerated (any longer). */
  record Evict(String namespace, String name, String node, String taint) implements LifecycleAction {}
}
