package io.j8s.proxy.iptables;

import static io.j8s.proxy.iptables.IptablesRenderer.KUBE_EXTERNAL_SERVICES;
import static io.j8s.proxy.iptables.IptablesRenderer.KUBE_MARK_MASQ;
import static io.j8s.proxy.iptables.IptablesRenderer.KUBE_NODEPORTS;
import static io.j8s.proxy.iptables.IptablesRenderer.KUBE_PROXY_FIREWALL;
import static io.j8s.proxy.iptables.IptablesRenderer.KUBE_SERVICES;

import io.j8s.api.net.Ipv4;
import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.EndpointSelection;
import io.j8s.proxy.state.ServicePort;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The rules of one service port, as upstream: captures in the top-level chains (ClusterIP,
 * externalIPs, LoadBalancer IPs, NodePort, health-check NodePort; REJECT in filter when it has no
 * endpoints, DROP when only Local ones are missing), then its own chains: KUBE-EXT- (masquerade
 * for Cluster policy; for Local, pod and node traffic short-circuited to the Cluster chain),
 * KUBE-FW- (loadBalancerSourceRanges), KUBE-SVC- (masquerade from outside the cluster CIDR, then
 * random spreading with {@code statistic} and ClientIP affinity with {@code recent}), KUBE-SVL-
 * (local endpoints) and one KUBE-SEP- per endpoint (hairpin masquerade, DNAT).
 */
final class ServiceChains {
  private final ChainNames names;
  private final IptablesConfig cfg;
  private final Buffers b;

  /** @param b where the Services' own chains are written */
  ServiceChains(ChainNames names, IptablesConfig cfg, Buffers b) {
    this.names = names;
    this.cfg = cfg;
    this.b = b;
  }

  /**
   * Writes the port's captures to {@code top}, adds the names of its chains that stay active to
   * {@code active}, and, when {@code writeChains}, writes its own chains; returns the nat rules in
   * its own chains.
   */
  int render(ServicePort port, EndpointSelection sel, Buffers top, boolean writeChains, Collection<String> active) {
    String s = port.name().toString();
    String proto = port.name().lowerProtocol();
    String dport = Integer.toString(port.port());
    String svc = names.svc(port.name());
    String svl = names.svl(port.name());
    String ext = names.ext(port.name());
    String fw = names.fw(port.name());

    boolean hasEndpoints = sel.hasAny();
    boolean usesCluster = !sel.cluster().isEmpty() && port.usesClusterEndpoints();
    boolean usesLocal = !sel.local().isEmpty() && port.usesLocalEndpoints();
    String internalChain = port.internalPolicyLocal() ? svl : svc;
    boolean hasInternal = hasEndpoints && (!port.internalPolicyLocal() || !sel.local().isEmpty());
    String externalPolicyChain = port.externalPolicyLocal() ? svl : svc;
    boolean hasExternal = hasEndpoints && (!port.externalPolicyLocal() || !sel.local().isEmpty());
    boolean usesExt = hasEndpoints && port.externallyAccessible();
    boolean usesFw = hasEndpoints && !port.loadBalancerIPs().isEmpty() && !port.loadBalancerSourceRanges().isEmpty();
    String lbChain = usesFw ? fw : ext;
    String intTarget = !hasEndpoints ? "REJECT" : "DROP";
    String intComment = Buffers.quote(s + (!hasEndpoints ? " has no endpoints" : " has no local endpoints"));
    String extTarget = intTarget;
    String extComment = intComment;

    if (hasInternal) {
      top.nat("-A", KUBE_SERVICES, "-m", "comment", "--comment", Buffers.quote(s + " cluster IP"), "-m", proto, "-p", proto,
          "-d", port.clusterIP(), "--dport", dport, "-j", internalChain);
    } else {
      top.filter("-A", KUBE_SERVICES, "-m", "comment", "--comment", intComment, "-m", proto, "-p", proto,
          "-d", port.clusterIP(), "--dport", dport, "-j", intTarget);
    }
    for (String ip : port.externalIPs()) {
      if (hasEndpoints) {
        top.nat("-A", KUBE_SERVICES, "-m", "comment", "--comment", Buffers.quote(s + " external IP"), "-m", proto, "-p", proto,
            "-d", ip, "--dport", dport, "-j", ext);
      }
      if (!hasExternal) {
        top.filter("-A", KUBE_EXTERNAL_SERVICES, "-m", "comment", "--comment", extComment, "-m", proto, "-p", proto,
            "-d", ip, "--dport", dport, "-j", extTarget);
      }
    }
    for (String ip : port.loadBalancerIPs()) {
      if (hasEndpoints) {
        top.nat("-A", KUBE_SERVICES, "-m", "comment", "--comment", Buffers.quote(s + " loadbalancer IP"), "-m", proto, "-p", proto,
            "-d", ip, "--dport", dport, "-j", lbChain);
      }
      if (usesFw) {
        top.filter("-A", KUBE_PROXY_FIREWALL, "-m", "comment", "--comment", Buffers.quote(s + " traffic not accepted by " + fw),
            "-m", proto, "-p", proto, "-d", ip, "--dport", dport, "-j", "DROP");
      }
    }
    if (!hasExternal) {
      for (String ip : port.loadBalancerIPs()) {
        top.filter("-A", KUBE_EXTERNAL_SERVICES, "-m", "comment", "--comment", extComment, "-m", proto, "-p", proto,
            "-d", ip, "--dport", dport, "-j", extTarget);
      }
    }
    if (port.nodePort() > 0) {
      String np = Integer.toString(port.nodePort());
      if (hasEndpoints) {
        top.nat("-A", KUBE_NODEPORTS, "-m", "comment", "--comment", Buffers.quote(s), "-m", proto, "-p", proto, "--dport", np, "-j", ext);
      }
      if (!hasExternal) {
        top.filter("-A", KUBE_EXTERNAL_SERVICES, "-m", "comment", "--comment", extComment, "-m", "addrtype", "--dst-type", "LOCAL",
            "-m", proto, "-p", proto, "--dport", np, "-j", extTarget);
      }
    }
    if (port.healthCheckNodePort() > 0) {
      top.filter("-A", KUBE_NODEPORTS, "-m", "comment", "--comment", Buffers.quote(s + " health check node port"),
          "-m", "tcp", "-p", "tcp", "--dport", Integer.toString(port.healthCheckNodePort()), "-j", "ACCEPT");
    }

    if (usesExt) active.add(ext);
    if (usesFw) active.add(fw);
    if (usesCluster) active.add(svc);
    if (usesLocal) active.add(svl);
    for (Endpoint e : sel.reachable()) active.add(names.sep(port.name(), e));
    if (!writeChains) return 0;
    long chainStart = b.natCount;

    if (usesExt) {
      b.natChain(ext);
      if (!port.externalPolicyLocal()) {
        b.nat("-A", ext, "-m", "comment", "--comment", Buffers.quote("masquerade traffic for " + s + " external destinations"),
            "-j", KUBE_MARK_MASQ);
      } else {
        if (cfg.clusterCIDR() != null) {
          b.nat("-A", ext, "-m", "comment", "--comment", Buffers.quote("pod traffic for " + s + " external destinations"),
              "-s", cfg.clusterCIDR(), "-j", svc);
        }
        b.nat("-A", ext, "-m", "comment", "--comment", Buffers.quote("masquerade LOCAL traffic for " + s + " external destinations"),
            "-m", "addrtype", "--src-type", "LOCAL", "-j", KUBE_MARK_MASQ);
        b.nat("-A", ext, "-m", "comment", "--comment", Buffers.quote("route LOCAL traffic for " + s + " external destinations"),
            "-m", "addrtype", "--src-type", "LOCAL", "-j", svc);
      }
      if (hasExternal) b.nat("-A", ext, "-j", externalPolicyChain);
    }
    if (usesFw) {
      b.natChain(fw);
      String c = Buffers.quote(s + " loadbalancer IP");
      boolean allowFromNode = false;
      for (String cidr : port.loadBalancerSourceRanges()) {
        b.nat("-A", fw, "-m", "comment", "--comment", c, "-s", cidr, "-j", ext);
        for (String nodeIP : cfg.nodeIPs()) allowFromNode |= Ipv4.contains(cidr, nodeIP);
      }
      if (allowFromNode) {
        for (String ip : port.loadBalancerIPs()) b.nat("-A", fw, "-m", "comment", "--comment", c, "-s", ip, "-j", ext);
      }
      b.nat("-A", fw, "-m", "comment", "--comment", Buffers.quote("other traffic to " + s + " will be dropped by KUBE-PROXY-FIREWALL"));
    }
    if (usesCluster) {
      b.natChain(svc);
      if (cfg.masqueradeAll()) {
        b.nat("-A", svc, "-m", "comment", "--comment", Buffers.quote(s + " cluster IP"), "-m", proto, "-p", proto,
            "-d", port.clusterIP(), "--dport", dport, "-j", KUBE_MARK_MASQ);
      } else if (cfg.clusterCIDR() != null) {
        b.nat("-A", svc, "-m", "comment", "--comment", Buffers.quote(s + " cluster IP"), "-m", proto, "-p", proto,
            "-d", port.clusterIP(), "--dport", dport, "!", "-s", cfg.clusterCIDR(), "-j", KUBE_MARK_MASQ);
      }
      spread(port, s, svc, sel.cluster());
    }
    if (usesLocal) {
      b.natChain(svl);
      spread(port, s, svl, sel.local());
    }
    for (Endpoint e : sel.reachable()) {
      String sep = names.sep(port.name(), e);
      b.natChain(sep);
      b.nat("-A", sep, "-m", "comment", "--comment", Buffers.quote(s), "-s", e.ip(), "-j", KUBE_MARK_MASQ);
      if (port.clientIPAffinity()) {
        b.nat("-A", sep, "-m", "comment", "--comment", Buffers.quote(s), "-m", "recent", "--name", sep, "--set",
            "-m", proto, "-p", proto, "-j", "DNAT", "--to-destination", e.address());
      } else {
        b.nat("-A", sep, "-m", "comment", "--comment", Buffers.quote(s), "-m", proto, "-p", proto,
            "-j", "DNAT", "--to-destination", e.address());
      }
    }
    return (int) (b.natCount - chainStart);
  }

  /** Affinity checks first (a client seen recently goes back to its endpoint), then a random pick: endpoint i of n with probability 1/(n-i). */
  private void spread(ServicePort port, String s, String chain, List<Endpoint> eps) {
    if (port.clientIPAffinity()) {
      String seconds = Integer.toString(port.stickyMaxAgeSeconds());
      for (Endpoint e : eps) {
        String sep = names.sep(port.name(), e);
        b.nat("-A", chain, "-m", "comment", "--comment", Buffers.quote(s + " -> " + e.address()), "-m", "recent", "--name", sep,
            "--rcheck", "--seconds", seconds, "--reap", "-j", sep);
      }
    }
    int n = eps.size();
    for (int i = 0; i < n; i++) {
      Endpoint e = eps.get(i);
      String comment = Buffers.quote(s + " -> " + e.address());
      String sep = names.sep(port.name(), e);
      if (i < n - 1) {
        b.nat("-A", chain, "-m", "comment", "--comment", comment, "-m", "statistic", "--mode", "random",
            "--probability", probability(n - i), "-j", sep);
      } else {
        b.nat("-A", chain, "-m", "comment", "--comment", comment, "-j", sep);
      }
    }
  }

  static String probability(int n) {
    return String.format(Locale.ROOT, "%.10f", 1.0 / n);
  }
}
