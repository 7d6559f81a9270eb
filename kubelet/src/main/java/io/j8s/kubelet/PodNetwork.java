package io.j8s.kubelet;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The pod network the agent configures once its Node has a podCIDR. The agent does not know how:
 * the {@code network} module's CNI config writer is plugged in by whoever wires the agent (dist),
 * so kubelet and network, siblings, never import each other.
 */
public interface PodNetwork {
  /** Fails at agent start when the network cannot work here (e.g. the CNI plugins are missing). */
  void check();

  /**
   * Configures the node's pod network for {@code podCidr}: writes the CNI config into {@code cniConfDir}
   * (the directory the runtime reads) with any state under {@code agentDir}; returns a line saying what it did.
   */
  String configure(String podCidr, Path cniConfDir, Path agentDir) throws IOException;
}
