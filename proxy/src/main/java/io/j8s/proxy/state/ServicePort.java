package io.j8s.proxy.state;

import java.util.List;

/**
 * What the proxy needs of one Service port (upstream's ServicePort), IPv4 only: the ClusterIP
 * (and all ClusterIPs of the family), port and NodePort, LoadBalancer ingress IPs and their source
 * ranges, externalIPs, ClientIP session affinity with its timeout, the traffic policies (external
 * Local only for externally reachable Services) and the health-check NodePort (0 when none).
 */
public record ServicePort(
    ServicePortName name,
    String clusterIP,
    List<String> clusterIPs,
    int port,
    int nodePort,
    List<String> externalIPs,
    List<String> loadBalancerIPs,
    List<String> loadBalancerSourceRanges,
    boolean clientIPAffinity,
    int stickyMaxAgeSeconds,
    boolean externalPolicyLocal,
    boolean internalPolicyLocal,
    int healthCheckNodePort) {
  /** Upstream's default ClientIP affinity timeout (3 hours). */
  public static final int DEFAULT_STICKY_SECONDS = 10800;

  public ServicePort {
    clusterIPs = List.copyOf(clusterIPs);
    externalIPs = List.copyOf(externalIPs);
    loadBalancerIPs = List.copyOf(loadBalancerIPs);
    loadBalancerSourceRanges = List.copyOf(loadBalancerSourceRanges);
  }

  /** A plain ClusterIP service port (tests, benchmarks). */
  public static ServicePort clusterIP(ServicePortName name, String ip, int port) {
    return new ServicePort(name, ip, List.of(ip), port, 0, List.of(), List.of(), List.of(), false, 0, false, false, 0);
  }

  public String protocol() {
    return name.protocol();
  }

  /** Reachable from outside the cluster: a NodePort, an externalIP or a LoadBalancer ingress IP. */
  public boolean externallyAccessible() {
    return nodePort > 0 || !externalIPs.isEmpty() || !loadBalancerIPs.isEmpty();
  }

  /**
   * Some traffic of this port goes to endpoints anywhere in the cluster: internal Cluster policy,
   * or any external destination (even with external Local policy, pods and the node itself reach
   * an external address through the Cluster endpoints, as upstream's short-circuit).
   */
  public boolean usesClusterEndpoints() {
    return !internalPolicyLocal || externallyAccessible();
  }

  /** Some traffic of this port goes only to this node's endpoints. */
  public boolean usesLocalEndpoints() {
    return internalPolicyLocal || (externallyAccessible() && externalPolicyLocal);
  }

  public ServicePort withNodePort(int nodePort) {
    return new ServicePort(name, clusterIP, clusterIPs, port, nodePort, externalIPs, loadBalancerIPs, loadBalancerSourceRanges,
        clientIPAffinity, stickyMaxAgeSeconds, externalPolicyLocal, internalPolicyLocal, healthCheckNodePort);
  }

  public ServicePort withAffinity(int seconds) {
    return new ServicePort(name, clusterIP, clusterIPs, port, nodePort, externalIPs, loadBalancerIPs, loadBalancerSourceRanges,
        true, seconds, externalPolicyLocal, internalPolicyLocal, healthCheckNodePort);
  }

  public ServicePort withPolicies(boolean externalLocal, boolean internalLocal, int healthCheckNodePort) {
    return new ServicePort(name, clusterIP, clusterIPs, port, nodePort, externalIPs, loadBalancerIPs, loadBalancerSourceRanges,
        clientIPAffinity, stickyMaxAgeSeconds, externalLocal, internalLocal, healthCheckNodePort);
  }

  public ServicePort withExternal(List<String> externalIPs, List<String> loadBalancerIPs, List<String> sourceRanges) {
    return new ServicePort(name, clusterIP, clusterIPs, port, nodePort, externalIPs, loadBalancerIPs, sourceRanges,
        clientIPAffinity, stickyMaxAgeSeconds, externalPolicyLocal, internalPolicyLocal, healthCheckNodePort);
  }
}
