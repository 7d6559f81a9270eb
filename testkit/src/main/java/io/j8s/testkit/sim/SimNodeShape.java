package io.j8s.testkit.sim;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.ZonedDateTime;
import java.util.Map;

/** What a simulated node looks like: a roomy machine with a stable address derived from its index. */
final class SimNodeShape {
  static final Map<String, Quantity> CAPACITY = Map.of(
      "cpu", new Quantity("32"), "memory", new Quantity("256Gi"), "pods", new Quantity("110"),
      "ephemeral-storage", new Quantity("100Gi"));

  private SimNodeShape() {}

  /** 172.30.0.1 upward, one address per node index (up to 65,000 nodes). */
  static String internalIp(int i) {
    return "172.30." + (i / 250) + "." + (i % 250 + 1);
  }

  /**
   * The n-th pod address on node i: inside the node's /24 podCIDR when it has one (from node
   * IPAM), else in 10.128.0.0/9 by node index.
   */
  static String podIp(int i, String podCidr, int n) {
    int host = 2 + n % 252;
    if (podCidr != null && podCidr.endsWith("/24")) return podCidr.substring(0, podCidr.lastIndexOf('.')) + "." + host;
    return "10." + (128 + i / 256 % 128) + "." + (i % 256) + "." + host;
  }

  static Node node(String name, int i, ZonedDateTime now) {
    String t = now.toInstant().toString();
    return new NodeBuilder()
        .withNewMetadata().withName(name)
        .addToLabels("kubernetes.io/hostname", name).addToLabels("kubernetes.io/os", "linux")
        .addToLabels("kubernetes.io/arch", "amd64").addToLabels("type", "simulated")
        .endMetadata()
        .withNewSpec().endSpec()
        .withNewStatus()
        .withCapacity(CAPACITY).withAllocatable(CAPACITY)
        .withConditions(condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", t),
            condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", t),
            condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", t),
            condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", t))
        .addNewAddress().withType("InternalIP").withAddress(internalIp(i)).endAddress()
        .addNewAddress().withType("Hostname").withAddress(name).endAddress()
        .withNewNodeInfo().withKubeletVersion("v1.32.0-j8s-sim").withKubeProxyVersion("v1.32.0-j8s-sim")
        .withContainerRuntimeVersion("simulated://1.0").withOperatingSystem("linux").withArchitecture("amd64")
        .withOsImage("simulated").withKernelVersion("simulated").withMachineID(name).withSystemUUID(name).withBootID(name)
        .endNodeInfo()
        .endStatus()
        .build();
  }

  private static NodeCondition condition(String type, String status, String reason, String message, String t) {
    return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
        .withLastHeartbeatTime(t).withLastTransitionTime(t).build();
  }
}
