package io.j8s.dist;

import io.j8s.kubelet.containerd.ContainerdPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A minimal CNI network for tests with real pods: a bridge with host-local addresses (containerd adds loopback). */
final class BridgeCni {
  private BridgeCni() {}

  /** Writes {@code 10-j8s-test.conflist}: bridge {@code bridge}, subnet {@code <prefix>.0/24}, gateway {@code <prefix>.1}. */
  static Path write(Path agentDir, String bridge, String prefix) throws IOException {
    ContainerdPaths paths = new ContainerdPaths(agentDir);
    Files.createDirectories(paths.cniConfDir());
    String conf = """
        {"cniVersion":"1.0.0","name":"j8s-test","plugins":[
          {"type":"bridge","bridge":"%s","isGateway":true,"ipMasq":false,
           "ipam":{"type":"host-local","ranges":[[{"subnet":"%s.0/24","gateway":"%s.1"}]],"routes":[{"dst":"0.0.0.0/0"}],"dataDir":"%s"}}
        ]}
        """.formatted(bridge, prefix, prefix, agentDir.resolve("cni/ipam"));
    return Files.writeString(paths.cniConfDir().resolve("10-j8s-test.conflist"), conf);
  }
}
