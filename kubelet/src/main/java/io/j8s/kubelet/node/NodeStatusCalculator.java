package io.j8s.kubelet.node;

import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.ContainerImageBuilder;
import io.fabric8.kubernetes.api.model.NodeAddressBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.NodeSystemInfoBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The node status as a value: from the node's facts, the last sample and the status the API
 * holds now (for condition transition times and fields others own), at time {@code now}. Pure.
 */
public final class NodeStatusCalculator {
  /** Upstream's nodeStatusMaxImages and maxNamesPerImageInNodeStatus. */
  static final int MAX_IMAGES = 50;
  static final int MAX_NAMES_PER_IMAGE = 5;

  private final EvictionThresholds thresholds;

  public NodeStatusCalculator(EvictionThresholds thresholds) {
    this.thresholds = thresholds;
  }

  public NodeStatus compute(NodeFacts facts, NodeSample sample, NodeStatus current, Instant now) {
    String t = timestamp(now);
    NodeStatus base = current == null ? new NodeStatus() : current;
    EvictionSignals s = sample.signals();
    List<NodeConditions.Want> wants = List.of(
        NodeConditions.memory(thresholds.memoryPressure(s)),
        NodeConditions.disk(thresholds.diskPressure(s)),
        NodeConditions.pid(thresholds.pidPressure(s)),
        NodeConditions.ready(sample.runtime().errors()));
    return new NodeStatusBuilder(base)
        .withCapacity(capacity(facts))
        .withAllocatable(allocatable(facts))
        .withConditions(NodeConditions.apply(base.getConditions(), wants, t))
        .withAddresses(new NodeAddressBuilder().withType("InternalIP").withAddress(facts.nodeIp()).build(),
            new NodeAddressBuilder().withType("Hostname").withAddress(facts.hostname()).build())
        .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(NodeFacts.KUBELET_PORT).endKubeletEndpoint().endDaemonEndpoints()
        .withNodeInfo(new NodeSystemInfoBuilder()
            .withMachineID(facts.machineId()).withSystemUUID(facts.systemUuid()).withBootID(facts.bootId())
            .withKernelVersion(facts.kernelVersion()).withOsImage(facts.osImage())
            .withContainerRuntimeVersion(facts.runtimeVersion()).withKubeletVersion(facts.kubeletVersion())
            .withOperatingSystem(facts.os()).withArchitecture(facts.arch()).build())
        .withImages(images(sample.images()))
        .build();
  }

  static Map<String, Quantity> capacity(NodeFacts f) {
    Map<String, Quantity> m = new TreeMap<>();
    m.put("cpu", Quantities.count(f.cpuCores()));
    m.put("memory", Quantities.bytes(f.memoryBytes()));
    m.put("ephemeral-storage", Quantities.bytes(f.ephemeralStorageBytes()));
    m.put("pods", Quantities.count(NodeFacts.MAX_PODS));
    return m;
  }

  Map<String, Quantity> allocatable(NodeFacts f) {
    Map<String, Quantity> m = new TreeMap<>();
    m.put("cpu", Quantities.count(f.cpuCores()));
    m.put("memory", Quantities.bytes(thresholds.allocatableMemory(f.memoryBytes())));
    m.put("ephemeral-storage", Quantities.bytes(thresholds.allocatableEphemeralStorage(f.ephemeralStorageBytes())));
    m.put("pods", Quantities.count(NodeFacts.MAX_PODS));
    return m;
  }

  /** Largest first, at most 50, each with at most 5 names; images without a name are left out. */
  static List<ContainerImage> images(List<NodeSample.NodeImage> images) {
    return images.stream().filter(i -> !i.names().isEmpty())
        .sorted(Comparator.comparingLong(NodeSample.NodeImage::sizeBytes).reversed().thenComparing(i -> i.names().get(0)))
        .limit(MAX_IMAGES)
        .map(i -> new ContainerImageBuilder().withNames(i.names().subList(0, Math.min(MAX_NAMES_PER_IMAGE, i.names().size())))
            .withSizeBytes(i.sizeBytes()).build())
        .toList();
  }

  /** RFC 3339 in UTC, whole seconds, as metav1.Time. */
  public static String timestamp(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
