package io.j8s.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.j8s.kubelet.containerd.CgroupDriver;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** QoS class, OOM score adjustment and pod cgroup as upstream's pkg/apis/core/helper/qos and pkg/kubelet/qos. */
public final class Qos {
  public static final String GUARANTEED = "Guaranteed", BURSTABLE = "Burstable", BEST_EFFORT = "BestEffort";
  static final int GUARANTEED_OOM_SCORE_ADJ = -997;
  static final int BEST_EFFORT_OOM_SCORE_ADJ = 1000;
  /** Priority of system-node-critical pods and above: treated like Guaranteed for the OOM killer. */
  static final int SYSTEM_CRITICAL_PRIORITY = 2_000_000_000;
  private static final Set<String> COMPUTE = Set.of("cpu", "memory");

  private Qos() {}

  public static String podClass(Pod pod) {
    Map<String, BigDecimal> requests = new HashMap<>(), limits = new HashMap<>();
    boolean guaranteed = true;
    List<Container> all = new ArrayList<>(pod.getSpec().getContainers());
    if (pod.getSpec().getInitContainers() != null) all.addAll(pod.getSpec().getInitContainers());
    for (Container c : all) {
      Map<String, BigDecimal> req = requests(c), lim = quantities(c.getResources(), false);
      req.forEach((k, v) -> requests.merge(k, v, BigDecimal::add));
      lim.forEach((k, v) -> limits.merge(k, v, BigDecimal::add));
      if (!lim.keySet().containsAll(COMPUTE)) guaranteed = false;
    }
    if (requests.isEmpty() && limits.isEmpty()) return BEST_EFFORT;
    if (guaranteed) {
      for (var e : requests.entrySet()) {
        BigDecimal l = limits.get(e.getKey());
        if (l == null || l.compareTo(e.getValue()) != 0) guaranteed = false;
      }
    }
    return guaranteed && requests.size() == limits.size() ? GUARANTEED : BURSTABLE;
  }

  /** The container's oom_score_adj: upstream's GetContainerOOMScoreAdjust. */
  public static int oomScoreAdj(Pod pod, Container c, long nodeMemoryBytes) {
    Integer priority = pod.getSpec().getPriority();
    if (priority != null && priority >= SYSTEM_CRITICAL_PRIORITY) return GUARANTEED_OOM_SCORE_ADJ;
    switch (podClass(pod)) {
      case GUARANTEED: return GUARANTEED_OOM_SCORE_ADJ;
      case BEST_EFFORT: return BEST_EFFORT_OOM_SCORE_ADJ;
      default:
    }
    BigDecimal mem = requests(c).getOrDefault("memory", BigDecimal.ZERO);
    long adj = 1000 - (1000 * mem.longValue()) / Math.max(1, nodeMemoryBytes);
    if (adj < 1000 + GUARANTEED_OOM_SCORE_ADJ) return 1000 + GUARANTEED_OOM_SCORE_ADJ;
    if (adj == BEST_EFFORT_OOM_SCORE_ADJ) return (int) adj - 1;
    return (int) adj;
  }

  /**
   * The pod's cgroup, as upstream names it: {@code /kubepods[/burstable|/besteffort]/pod<uid>} with
   * cgroupfs, {@code kubepods[-burstable|-besteffort]-pod<uid_>.slice} with systemd.
   */
  public static String cgroupParent(CgroupDriver driver, String qosClass, String podUid) {
    String root = driver.cgroupParent("kubepods");
    String tier = switch (qosClass) {
      case BURSTABLE -> "burstable";
      case BEST_EFFORT -> "besteffort";
      default -> null;
    };
    if (driver == CgroupDriver.SYSTEMD) {
      String base = root.substring(0, root.length() - ".slice".length());
      return base + (tier == null ? "" : "-" + tier) + "-pod" + podUid.replace('-', '_') + ".slice";
    }
    return root + (tier == null ? "" : "/" + tier) + "/pod" + podUid;
  }

  /** Requests with upstream's defaulting: a limit without a request is also the request. */
  static Map<String, BigDecimal> requests(Container c) {
    Map<String, BigDecimal> out = quantities(c.getResources(), false);
    out.putAll(quantities(c.getResources(), true));
    return out;
  }

  /** Positive cpu/memory limits ({@code requests=false}) or requests, in cores and bytes. */
  static Map<String, BigDecimal> quantities(ResourceRequirements r, boolean requests) {
    Map<String, BigDecimal> out = new HashMap<>();
    if (r == null) return out;
    Map<String, Quantity> m = requests ? r.getRequests() : r.getLimits();
    if (m == null) return out;
    m.forEach((k, q) -> {
      if (!COMPUTE.contains(k) || q == null) return;
      BigDecimal v = Quantity.getAmountInBytes(q);
      if (v.signum() > 0) out.put(k, v);
    });
    return out;
  }
}
