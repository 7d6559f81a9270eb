package io.j8s.dist;

import io.j8s.kubelet.ContainerRuntime;
import io.j8s.kubelet.PodNetwork;
import io.j8s.network.cni.CniConflist;
import io.j8s.network.cni.CniPlugins;
import io.j8s.network.cni.ConflistWriter;
import java.io.IOException;
import java.nio.file.Path;

/** The agent's pod network: the network module's standard CNI chain, with the plugins from Debian's package. */
final class CniPodNetwork implements PodNetwork {
  private final Path pluginDir;

  CniPodNetwork(Path pluginDir) {
    this.pluginDir = pluginDir;
  }

  static CniPodNetwork debian() { return new CniPodNetwork(ContainerRuntime.DEBIAN_CNI_BIN); }

  @Override
  public void check() {
    CniPlugins.require(pluginDir, CniConflist.requiredPlugins());
  }

  @Override
  public String configure(String podCidr, Path cniConfDir, Path agentDir) throws IOException {
    CniConflist list = CniConflist.standard(podCidr, agentDir.resolve("cni").resolve("ipam"));
    boolean written = ConflistWriter.write(cniConfDir, CniConflist.FILE_NAME, list.render());
    return "CNI config " + (written ? "written" : "unchanged") + ": " + cniConfDir.resolve(CniConflist.FILE_NAME) + " (podCIDR "
        + list.podCidr() + ", bridge " + list.bridge() + ", gateway " + list.gateway() + ")";
  }
}
