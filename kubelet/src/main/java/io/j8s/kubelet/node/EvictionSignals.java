package io.j8s.kubelet.node;

/**
 * The eviction signals as sampled; -1 marks one that could not be read (never counted as pressure).
 * imagefs is the filesystem of containerd's root, nodefs that of the data dir.
 */
public record EvictionSignals(long memoryAvailableBytes, long nodefsAvailableBytes, long nodefsCapacityBytes,
    long nodefsInodesFree, long nodefsInodes, long imagefsAvailableBytes, long imagefsCapacityBytes,
    long pidAvailable, long pidMax) {
  /** Nothing known. */
  public static final EvictionSignals UNKNOWN = new EvictionSignals(-1, -1, -1, -1, -1, -1, -1, -1, -1);
}
