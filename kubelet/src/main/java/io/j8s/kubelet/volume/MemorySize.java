package io.j8s.kubelet.volume;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;

/**
 * The size of a memory-backed volume, as upstream's calculateEmptyDirMemorySize: the node's allocatable memory,
 * lowered to the pod's memory limit when every container declares one, lowered again to the volume's sizeLimit
 * when that is smaller. 0 means no {@code size=} option (the kernel's default of half the RAM).
 */
final class MemorySize {
  private MemorySize() {}

  static long tmpfsBytes(Pod pod, Map<String, Quantity> allocatable, long sizeLimit) {
    long size = allocatable.containsKey("memory") ? VolumePlanner.bytes(allocatable.get("memory")) : 0;
    long podLimit = podMemoryLimit(pod);
    if (podLimit > 0 && (size == 0 || podLimit <= size)) size = podLimit;
    if (sizeLimit > 0 && (size == 0 || sizeLimit <= size)) size = sizeLimit;
    return size;
  }

  /** max(sum of app containers' limits, largest init container limit) when all declare one, else 0. */
  static long podMemoryLimit(Pod pod) {
    long sum = 0;
    for (Container c : list(pod.getSpec().getContainers())) {
      long l = limit(c);
      if (l <= 0) return 0;
      sum += l;
    }
    long init = 0;
    for (Container c : list(pod.getSpec().getInitContainers())) {
      long l = limit(c);
      if (l <= 0) return 0;
      init = Math.max(init, l);
    }
    return Math.max(sum, init);
  }

  private static long limit(Container c) {
    if (c.getResources() == null || c.getResources().getLimits() == null) return 0;
    Quantity q = c.getResources().getLimits().get("memory");
    return q == null ? 0 : VolumePlanner.bytes(q);
  }

  private static <T> List<T> list(List<T> l) {
    return l == null ? List.of() : l;
  }
}
