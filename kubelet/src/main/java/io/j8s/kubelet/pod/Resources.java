package io.j8s.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.j8s.kubelet.cri.v1.LinuxContainerResources;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/** A container's requests and limits as CRI Linux resources (upstream's kuberuntime_container_linux). */
public final class Resources {
  static final long MIN_SHARES = 2, MAX_SHARES = 262144, SHARES_PER_CPU = 1024;
  static final long QUOTA_PERIOD_US = 100_000, MIN_QUOTA_US = 1000;

  private Resources() {}

  public static LinuxContainerResources of(Pod pod, Container c, long nodeMemoryBytes) {
    Map<String, BigDecimal> req = Qos.requests(c), lim = Qos.quantities(c.getResources(), false);
    LinuxContainerResources.Builder b = LinuxContainerResources.newBuilder()
        .setCpuShares(shares(milli(req.get("cpu"))))
        .setOomScoreAdj(Qos.oomScoreAdj(pod, c, nodeMemoryBytes));
    if (lim.containsKey("memory")) b.setMemoryLimitInBytes(lim.get("memory").setScale(0, RoundingMode.CEILING).longValueExact());
    if (lim.containsKey("cpu")) {
      b.setCpuPeriod(QUOTA_PERIOD_US).setCpuQuota(quota(milli(lim.get("cpu"))));
    }
    return b.build();
  }

  /** Milli-cores, rounded up as Quantity.MilliValue does; 0 when absent. */
  static long milli(BigDecimal cores) {
    return cores == null ? 0 : cores.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
  }

  static long shares(long milliCpu) {
    if (milliCpu == 0) return MIN_SHARES;
    long s = milliCpu * SHARES_PER_CPU / 1000;
    return Math.max(MIN_SHARES, Math.min(MAX_SHARES, s));
  }

  static long quota(long milliCpu) {
    return Math.max(MIN_QUOTA_US, milliCpu * QUOTA_PERIOD_US / 1000);
  }
}
