package io.j8s.kubelet;

import io.j8s.kubelet.containerd.ContainerdPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A minimal CNI network for tests: a bridge with host-local addresses (containerd adds loopback itself). */
final class TestCni {
  private TestCni() {}

  /** Writes {@code 10-j8s-test.conflist} for subnet {@code <prefix>.0/24}; IPAM state stays under the agent dir. */
  static Path writeBridgeConflist(Path agentDir, String prefix) throws IOException {
    return writeBridgeConflist(agentDir, prefix, "j8stest0");
  }

  /**
   * The same on bridge {@code bridge}: tests sharing a network namespace (the whole suite runs in one) need a bridge
   * each, since the bridge plugin refuses a bridge that already carries another subnet's gateway address.
   */
  static Path writeBridgeConflist(Path agentDir, String prefix, String bridge) throws IOException {
    ContainerdPaths paths = new ContainerdPaths(agentDir);
    Files.createDirectories(paths.cniConfDir());
    String conf = """
        {"cniVersion":"1.0.0","name":"j8s-test","plugins":[
          {"type":"bridge","bridge":"%s","isGateway":true,"ipMasq":false,
           "ipam":{"type":"host-local","ranges":[[{"subnet":"%s.0/24"}]],"routes":[{"dst":"0.0.0.0/0"}],"dataDir":"%s"}}
        ]}
        """.formatted(bridge, prefix, agentDir.resolve("cni/ipam"));
    return Files.writeString(paths.cniConfDir().resolve("10-j8s-test.conflist"), conf);
  }
}
