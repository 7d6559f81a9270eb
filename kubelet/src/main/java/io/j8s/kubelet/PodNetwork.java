package io.j8s.kubelet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The pod network the agent configures once its Node has a podCIDR. The agent does not know how:
 * the {@code network} module's provider is plugged in by whoever wires the agent (dist), so
 * kubelet and network, siblings, never import each other.
 */
public interface PodNetwork {
  /** Fails at agent start when the network cannot work here (e.g. the CNI plugins are missing). */
  void check();

  /** This node as the network sees it. */
  record NodeNetwork(String nodeName, String nodeIp, String podCidr) {}

  /**
   * What {@link #configure} did, and what it left running (routes following the other nodes),
   * closed with the agent.
   */
  record Configured(String summary, AutoCloseable running) {}

  /**
   * Configures the node's pod network: the host side (routes, masquerading) and the CNI config in
   * {@code cniConfDir} (the directory the runtime reads), with any state under {@code agentDir}.
   */
  Configured configure(NodeNetwork node, Path cniConfDir, Path agentDir) throws IOException;

  /**
   * Releases the pod addresses still held for sandboxes that are not in {@code liveSandboxIds}
   * (their CNI DEL never ran, e.g. they died while the agent was down); returns the addresses released.
   */
  default List<String> releaseAddresses(Set<String> liveSandboxIds, Path agentDir) throws IOException { return List.of(); }
}
