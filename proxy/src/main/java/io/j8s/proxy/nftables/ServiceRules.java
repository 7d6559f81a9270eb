package io.j8s.proxy.nftables;

import static io.j8s.proxy.nftables.NftablesRenderer.CLUSTER_IPS;
import static io.j8s.proxy.nftables.NftablesRenderer.FIREWALL_IPS;
import static io.j8s.proxy.nftables.NftablesRenderer.MARK_MASQ;
import static io.j8s.proxy.nftables.NftablesRenderer.NO_ENDPOINT_NODEPORTS;
import static io.j8s.proxy.nftables.NftablesRenderer.NO_ENDPOINT_SERVICES;
import static io.j8s.proxy.nftables.NftablesRenderer.REJECT_CHAIN;
import static io.j8s.proxy.nftables.NftablesRenderer.SERVICE_IPS;
import static io.j8s.proxy.nftables.NftablesRenderer.SERVICE_NODEPORTS;

import io.j8s.api.net.Ipv4;
import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.EndpointSelection;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The objects of one service port: elements in the shared verdict
 * maps ({@code service-ips} and {@code service-nodeports} capture; {@code no-endpoint-services}
 * and {@code no-endpoint-nodeports} reject when it has no endpoints, drop when only Local ones
 * are missing; {@code firewall-ips} for loadBalancerSourceRanges) and in {@code cluster-ips}, then
 * its own chains: {@code external-} (masquerade for Cluster policy; for Local, pod and node
 * traffic short-circuited to the cluster chain), {@code firewall-} (source ranges, in filter),
 * {@code service-} (masquerade from outside the cluster CIDR, then the endpoint choice) and
 * {@code local-} (the choice among local endpoints). The choice is one rule, {@code dnat ip to
 * numgen random mod N offset BASE map @endpoints-S}, over the path's slots in a shared shard map
 * ({@link SlotAllocation}), and each endpoint is an element {@code ip . ip} of the shared
 * {@code hairpin} set (a pod reaching itself through the Service is masqueraded in postrouting).
 * Only Services with ClientIP affinity keep upstream's per-endpoint objects: affinity lookups in
 * the service chain, an inline {@code numgen} verdict map, and one {@code endpoint-} chain per
 * endpoint (hairpin masquerade, affinity set update, DNAT).
 */
final class ServiceRules {
  private final NftNames names;
  private final NftablesConfig cfg;
  private final SlotAllocation slots;

  ServiceRules(NftNames names, NftablesConfig cfg, SlotAllocation slots) {
    this.names = names;
    this.cfg = cfg;
    this.slots = slots;
  }

  /** The slots a port's paths need: one per endpoint of each list it spreads over (none for ClientIP affinity). */
  static void demand(ServicePort port, EndpointSelection sel, Map<SlotAllocation.Path, Integer> out) {
    if (port.clientIPAffinity()) return;
    if (!sel.cluster().isEmpty() && port.usesClusterEndpoints()) out.put(new SlotAllocation.Path(port.name(), false), sel.cluster().size());
    if (!sel.local().isEmpty() && port.usesLocalEndpoints()) out.put(new SlotAllocation.Path(port.name(), true), sel.local().size());
  }

  void render(ServicePort port, EndpointSelection sel, ServiceObjects.Builder b) {
    ServicePortName spn = port.name();
    String p = spn.lowerProtocol();
    String dport = Integer.toString(port.port());
    String svc = names.service(spn);
    String loc = names.local(spn);
    String ext = names.external(spn);
    String fw = names.firewall(spn);

    boolean hasEndpoints = sel.hasAny();
    boolean usesCluster = !sel.cluster().isEmpty() && port.usesClusterEndpoints();
    boolean usesLocal = !sel.local().isEmpty() && port.usesLocalEndpoints();
    boolean hasInternal = hasEndpoints && (!port.internalPolicyLocal() || !sel.local().isEmpty());
    boolean hasExternal = hasEndpoints && (!port.externalPolicyLocal() || !sel.local().isEmpty());
    boolean usesExt = hasEndpoints && port.externallyAccessible();
    boolean usesFw = hasEndpoints && !port.loadBalancerIPs().isEmpty() && !port.loadBalancerSourceRanges().isEmpty();
    String refuse = hasEndpoints ? "drop" : "goto " + REJECT_CHAIN;

    b.element(CLUSTER_IPS, port.clusterIP(), "");
    String clusterKey = port.clusterIP() + " . " + p + " . " + dport;
    if (hasInternal) b.element(SERVICE_IPS, clusterKey, "goto " + (port.internalPolicyLocal() ? loc : svc));
    else b.element(NO_ENDPOINT_SERVICES, clusterKey, refuse);
    List<String> external = new ArrayList<>(port.externalIPs());
    external.addAll(port.loadBalancerIPs());
    for (String ip : external) {
      String key = ip + " . " + p + " . " + dport;
      if (hasEndpoints) b.element(SERVICE_IPS, key, "goto " + ext);
      if (!hasExternal) b.element(NO_ENDPOINT_SERVICES, key, refuse);
    }
    if (usesFw) {
      for (String ip : port.loadBalancerIPs()) b.element(FIREWALL_IPS, ip + " . " + p + " . " + dport, "goto " + fw);
    }
    if (port.nodePort() > 0) {
      String key = p + " . " + port.nodePort();
      if (hasEndpoints) b.element(SERVICE_NODEPORTS, key, "goto " + ext);
      if (!hasExternal) b.element(NO_ENDPOINT_NODEPORTS, key, refuse);
    }

    if (usesExt) {
      List<String> c = b.chain(ext);
      if (!port.externalPolicyLocal()) {
        c.add("jump " + MARK_MASQ);
      } else {
        if (cfg.clusterCIDR() != null) c.add("ip saddr " + cfg.clusterCIDR() + " goto " + svc);
        c.add("fib saddr type local jump " + MARK_MASQ);
        c.add("fib saddr type local goto " + svc);
      }
      if (hasExternal) c.add("goto " + (port.externalPolicyLocal() ? loc : svc));
    }
    if (usesFw) {
      List<String> allowed = new ArrayList<>(port.loadBalancerSourceRanges());
      boolean fromNode = false;
      for (String cidr : port.loadBalancerSourceRanges()) {
        for (String nodeIP : cfg.nodeIPs()) fromNode |= Ipv4.contains(cidr, nodeIP);
      }
      if (fromNode) allowed.addAll(port.loadBalancerIPs());
      b.chain(fw).add("ip saddr != { " + String.join(", ", allowed) + " } drop");
    }
    if (usesCluster) {
      List<String> c = b.chain(svc);
      String match = "ip daddr " + port.clusterIP() + " " + p + " dport " + dport;
      if (cfg.masqueradeAll()) c.add(match + " jump " + MARK_MASQ);
      else if (cfg.clusterCIDR() != null) c.add(match + " ip saddr != " + cfg.clusterCIDR() + " jump " + MARK_MASQ);
      spread(port, c, sel.cluster(), false, b);
    }
    if (usesLocal) spread(port, b.chain(loc), sel.local(), true, b);
    if (!port.clientIPAffinity()) {
      for (Endpoint e : sel.reachable()) b.element(NftablesRenderer.HAIRPIN, e.ip() + " . " + e.ip(), "");
      return;
    }
    for (Endpoint e : sel.reachable()) {
      List<String> c = b.chain(names.endpoint(spn, e));
      c.add("ip saddr " + e.ip() + " jump " + MARK_MASQ);
      String set = names.affinity(spn, e);
      b.sets.put(set, "{ type ipv4_addr ; flags dynamic,timeout ; timeout " + port.stickyMaxAgeSeconds() + "s ; }");
      c.add("update @" + set + " { ip saddr }");
      c.add("meta l4proto " + p + " dnat to " + e.address());
    }
  }

  private String numgen() {
    return "numgen " + (cfg.roundRobin() ? "inc" : "random");
  }

  /**
   * Without affinity: the path's endpoints as elements of its slots, chosen by one DNAT rule. With
   * affinity: the lookups first (a client seen recently goes back to its endpoint), then one numgen
   * verdict map over the endpoint chains.
   */
  private void spread(ServicePort port, List<String> chain, List<Endpoint> eps, boolean local, ServiceObjects.Builder b) {
    if (!port.clientIPAffinity()) {
      SlotAllocation.Block block = slots.of(new SlotAllocation.Path(port.name(), local));
      if (block == null || block.capacity() < eps.size()) throw new IllegalStateException("no slots for " + port.name() + " local=" + local);
      for (int i = 0; i < eps.size(); i++) b.element(block.map(), Integer.toString(block.base() + i), eps.get(i).ip() + " . " + eps.get(i).port());
      chain.add("meta l4proto " + port.name().lowerProtocol() + " dnat ip to " + numgen() + " mod " + eps.size() + " offset " + block.base()
          + " map @" + block.map());
      return;
    }
    for (Endpoint e : eps) chain.add("ip saddr @" + names.affinity(port.name(), e) + " goto " + names.endpoint(port.name(), e));
    StringBuilder r = new StringBuilder(numgen()).append(" mod ").append(eps.size()).append(" vmap { ");
    for (int i = 0; i < eps.size(); i++) {
      if (i > 0) r.append(", ");
      r.append(i).append(" : goto ").append(names.endpoint(port.name(), eps.get(i)));
    }
    chain.add(r.append(" }").toString());
  }
}
