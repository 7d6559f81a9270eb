package io.j8s.proxy.userspace;

/**
 * One address clients use to reach a listener: a ClusterIP, externalIP or LoadBalancer ingress IP
 * with the service port, or a NodePort on every local address ({@code ip} null).
 */
public record Portal(Kind kind, String ip, int port) {
  public enum Kind { CLUSTER_IP, EXTERNAL_IP, LOAD_BALANCER, NODE_PORT }

  public static Portal nodePort(int port) {
    return new Portal(Kind.NODE_PORT, null, port);
  }

  public boolean isNodePort() {
    return kind == Kind.NODE_PORT;
  }
}
