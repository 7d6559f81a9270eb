package io.j8s.kubelet.stats;

import java.time.Instant;
import java.util.List;

/**
 * The node's resource use at one moment, as upstream's stats/v1alpha1 counts it. Values the
 * source did not give are null (and left out of what is rendered).
 */
public record StatsSnapshot(Instant time, Node node, List<Pod> pods) {
  /** CPU: cumulative core-nanoseconds, and the rate since the previous sample (nanocores) once there was one. */
  public record Cpu(Instant time, Long usageCoreNanoSeconds, Long usageNanoCores) {}

  public record Memory(Instant time, Long availableBytes, Long usageBytes, Long workingSetBytes, Long rssBytes, Long pageFaults,
      Long majorPageFaults) {}

  public record Fs(Instant time, Long availableBytes, Long capacityBytes, Long usedBytes, Long inodesFree, Long inodes,
      Long inodesUsed) {}

  public record Network(Instant time, String name, Long rxBytes, Long rxErrors, Long txBytes, Long txErrors) {}

  public record Node(String nodeName, Instant startTime, Cpu cpu, Memory memory, Fs fs, Fs imageFs) {}

  public record Container(String name, Instant startTime, Cpu cpu, Memory memory, Fs rootfs) {}

  public record Pod(String namespace, String name, String uid, Instant startTime, List<Container> containers, Cpu cpu, Memory memory,
      Network network, Long processCount) {}
}
