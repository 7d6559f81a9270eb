package io.j8s.kubelet.node;

/**
 * Hard eviction thresholds (upstream's Linux defaults: memory.available&lt;100Mi,
 * nodefs.available&lt;10%, imagefs.available&lt;15%, nodefs.inodesFree&lt;5%; no pid.available
 * threshold by default, so PIDPressure stays False unless one is set).
 *
 * @param pidAvailablePercent 0 for none
 */
public record EvictionThresholds(long memoryAvailableBytes, int nodefsAvailablePercent, int imagefsAvailablePercent,
    int nodefsInodesFreePercent, int pidAvailablePercent) {
  public static final long MI = 1024L * 1024;
  public static final EvictionThresholds DEFAULTS = new EvictionThresholds(100 * MI, 10, 15, 5, 0);

  /** Whether memory.available is under its threshold. */
  public boolean memoryPressure(EvictionSignals s) {
    return s.memoryAvailableBytes() >= 0 && s.memoryAvailableBytes() < memoryAvailableBytes;
  }

  /** Whether nodefs.available, imagefs.available or nodefs.inodesFree is under its threshold. */
  public boolean diskPressure(EvictionSignals s) {
    return below(s.nodefsAvailableBytes(), s.nodefsCapacityBytes(), nodefsAvailablePercent)
        || below(s.imagefsAvailableBytes(), s.imagefsCapacityBytes(), imagefsAvailablePercent)
        || below(s.nodefsInodesFree(), s.nodefsInodes(), nodefsInodesFreePercent);
  }

  public boolean pidPressure(EvictionSignals s) {
    return pidAvailablePercent > 0 && below(s.pidAvailable(), s.pidMax(), pidAvailablePercent);
  }

  /** {@code available < percent% of capacity}; an unknown signal (negative or zero capacity) is never under. */
  static boolean below(long available, long capacity, int percent) {
    if (available < 0 || capacity <= 0 || percent <= 0) return false;
    return available * 100 < capacity * percent;
  }

  /** Allocatable memory: capacity less the memory.available threshold. */
  public long allocatableMemory(long capacity) {
    return Math.max(0, capacity - memoryAvailableBytes);
  }

  /** Allocatable ephemeral storage: capacity less the nodefs.available threshold (a share of capacity). */
  public long allocatableEphemeralStorage(long capacity) {
    return Math.max(0, capacity - capacity * nodefsAvailablePercent / 100);
  }
}
