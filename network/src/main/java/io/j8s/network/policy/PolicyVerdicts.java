package io.j8s.network.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure: the verdict the policies give one connection, judged at both ends at once, for a relay
 * that makes the connection to the server itself (the userspace proxy) and so is not judged by
 * the kernel's rules as the client. Built from every pod's {@link PodPolicy} (a cluster-wide
 * compile): the client's egress must allow the server's address and port, and the server's
 * ingress the client's address on that port. Addresses of no pod (the node, hosts outside) have
 * no policy of their own; an address two pods claim (one finishing) must be allowed for both.
 */
public final class PolicyVerdicts {
  public static final PolicyVerdicts OPEN = new PolicyVerdicts(List.of());
  private final Map<String, List<PodPolicy>> byIp = new HashMap<>();

  public PolicyVerdicts(Collection<PodPolicy> pods) {
    for (PodPolicy p : pods) byIp.computeIfAbsent(p.ip(), k -> new ArrayList<>()).add(p);
  }

  /** Whether {@code client} may open a connection to {@code server}:{@code port} over {@code protocol} (tcp, udp, sctp). */
  public boolean allows(String client, String server, String protocol, int port) {
    for (PodPolicy from : byIp.getOrDefault(client, List.of())) {
      if (from.egress().isPresent() && !from.egress().get().permits(server, protocol, port)) return false;
    }
    for (PodPolicy to : byIp.getOrDefault(server, List.of())) {
      if (to.ingress().isPresent() && !to.ingress().get().permits(client, protocol, port)) return false;
    }
    return true;
  }

  @Override public boolean equals(Object o) {
    return o instanceof PolicyVerdicts v && v.byIp.equals(byIp);
  }

  @Override public int hashCode() { return byIp.hashCode(); }
}
