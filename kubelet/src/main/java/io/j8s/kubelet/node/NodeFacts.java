package io.j8s.kubelet.node;

/**
 * What the node says about itself that does not change while the agent runs: its name and
 * addresses, its machine and OS, and its capacity.
 *
 * @param nodeName the Node's name (lower case)
 * @param hostname the {@code Hostname} address and the {@code kubernetes.io/hostname} label
 * @param nodeIp the {@code InternalIP} address, where the API server reaches the kubelet
 * @param cpuCores online CPUs
 * @param memoryBytes MemTotal
 * @param ephemeralStorageBytes size of the filesystem holding the data dir
 * @param os {@code linux}
 * @param arch Go's name for the architecture ({@code amd64}, {@code arm64})
 * @param machineId empty when unreadable
 * @param systemUuid empty when unreadable
 * @param bootId empty when unreadable
 * @param runtimeVersion {@code containerd://1.6.20~ds1}
 */
public record NodeFacts(String nodeName, String hostname, String nodeIp, int cpuCores, long memoryBytes,
    long ephemeralStorageBytes, String os, String arch, String kernelVersion, String osImage, String machineId,
    String systemUuid, String bootId, String kubeletVersion, String runtimeVersion) {
  /** The version this agent reports, upstream's with a j8s suffix. */
  public static final String KUBELET_VERSION = "v1.32.0-j8s";
  /** Upstream's maxPods default. */
  public static final int MAX_PODS = 110;
  /** The kubelet's HTTPS port, published in status.daemonEndpoints. */
  public static final int KUBELET_PORT = 10250;
}
