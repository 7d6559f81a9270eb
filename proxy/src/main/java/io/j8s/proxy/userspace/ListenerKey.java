package io.j8s.proxy.userspace;

import io.j8s.proxy.state.ServicePortName;

/**
 * A listener's identity: the service port and the traffic it serves. A service port has one
 * INTERNAL listener (its ClusterIPs, and its external addresses too when both traffic policies
 * pick the same endpoints) and an EXTERNAL one only when its external and internal traffic
 * policies differ (one is Local, the other Cluster).
 */
public record ListenerKey(ServicePortName name, Scope scope) implements Comparable<ListenerKey> {
  public enum Scope { INTERNAL, EXTERNAL }

  @Override public int compareTo(ListenerKey o) {
    int c = name.compareTo(o.name);
    return c != 0 ? c : scope.compareTo(o.scope);
  }

  @Override public String toString() {
    return name + (scope == Scope.EXTERNAL ? " (external)" : "");
  }
}
