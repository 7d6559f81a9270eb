package io.j8s.kubelet.node;

import java.util.List;

/** Facts and samples for the node tests. */
final class Fixtures {
  private Fixtures() {}

  static final long GI = 1024L * 1024 * 1024;

  static NodeFacts facts() {
    return new NodeFacts("node-a", "node-a", "10.0.0.5", 4, 16 * GI, 100 * GI, "linux", "amd64", "6.1.0-18-amd64",
        "Debian GNU/Linux 12 (bookworm)", "m1", "u1", "b1", NodeFacts.KUBELET_VERSION, "containerd://1.6.20~ds1");
  }

  static RuntimeReport.RuntimeCondition cond(String type, boolean status, String reason, String message) {
    return new RuntimeReport.RuntimeCondition(type, status, reason, message);
  }

  static RuntimeReport ready() {
    return new RuntimeReport.Conditions(List.of(cond("RuntimeReady", true, "", ""), cond("NetworkReady", true, "", "")));
  }

  static RuntimeReport networkNotReady() {
    return new RuntimeReport.Conditions(List.of(cond("RuntimeReady", true, "", ""),
        cond("NetworkReady", false, "NetworkPluginNotReady", "Network plugin returns error: cni plugin not initialized")));
  }

  /** Plenty of everything: no pressure. */
  static EvictionSignals healthy() {
    return new EvictionSignals(8 * GI, 50 * GI, 100 * GI, 5_000_000, 6_000_000, 50 * GI, 100 * GI, 4_000_000, 4_194_304);
  }

  static NodeSample sample(RuntimeReport r) {
    return new NodeSample(r, healthy(), List.of(new NodeSample.NodeImage(List.of("j8s.local/busybox:1"), 2_000_000)));
  }
}
