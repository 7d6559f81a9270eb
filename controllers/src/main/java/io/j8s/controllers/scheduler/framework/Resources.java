package io.j8s.controllers.scheduler.framework;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/** The resources the scheduler counts: cpu in millicores, memory and ephemeral-storage in bytes. */
public record Resources(long milliCpu, long memory, long ephemeralStorage) {
  public static final Resources ZERO = new Resources(0, 0, 0);
  /** Upstream's defaults for a container without requests, used only when scoring (not when filtering). */
  static final long DEFAULT_MILLI_CPU = 100;
  static final long DEFAULT_MEMORY = 200L * 1024 * 1024;

  public Resources plus(Resources o) {
    return new Resources(milliCpu + o.milliCpu, memory + o.memory, ephemeralStorage + o.ephemeralStorage);
  }

  public Resources minus(Resources o) {
    return new Resources(milliCpu - o.milliCpu, memory - o.memory, ephemeralStorage - o.ephemeralStorage);
  }

  /** Per-resource maximum. */
  public Resources max(Resources o) {
    return new Resources(Math.max(milliCpu, o.milliCpu), Math.max(memory, o.memory), Math.max(ephemeralStorage, o.ephemeralStorage));
  }

  /** Reads cpu, memory and ephemeral-storage from a resource list (requests, allocatable); absent is zero. */
  public static Resources of(Map<String, Quantity> list) {
    if (list == null || list.isEmpty()) return ZERO;
    return new Resources(milli(list.get("cpu")), value(list.get("memory")), value(list.get("ephemeral-storage")));
  }

  /** A quantity in thousandths, rounded up (as upstream's MilliValue). */
  public static long milli(Quantity q) {
    if (q == null) return 0;
    return amount(q).movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /** A quantity as a whole number, rounded up (as upstream's Value). */
  public static long value(Quantity q) {
    if (q == null) return 0;
    return amount(q).setScale(0, RoundingMode.CEILING).longValueExact();
  }

  private static BigDecimal amount(Quantity q) {
    try {
      return q.getNumericalAmount();
    } catch (RuntimeException e) {
      return BigDecimal.ZERO;
    }
  }
}
