package io.j8s.proxy.nftables;

import io.j8s.proxy.state.EndpointSelection;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServiceRef;
import io.j8s.proxy.state.ServicePortName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Renders a {@link ProxyState} for table {@code ip kube-proxy} (layout: package-info): upstream's
 * fixed base chains hooked at upstream's priorities, written as numbers because nft 1.0 accepts
 * {@code dstnat} only on prerouting ({@code nat-*} at dstnat -100/srcnat 100 jumping to
 * {@code services} and {@code masquerading}; {@code filter-*} at filter-10 and dstnat±10 for the
 * no-endpoint rejects, the firewall and invalid ClusterIP ports), verdict maps looked up once per
 * packet ({@code service-ips}: {@code ip daddr . meta l4proto . th dport}; {@code service-nodeports}:
 * {@code meta l4proto . th dport} on the node's IPs) so the per-packet cost does not grow with the
 * number of Services, the shared endpoint slot maps and {@code hairpin} set, and each Service's
 * own objects ({@link ServiceRules}). The result is a value ({@link NftRuleset}, with the next
 * {@link SlotAllocation}); {@link NftScript} turns it into a full or incremental transaction.
 * Pure apart from the memoised names.
 */
public final class NftablesRenderer {
  public static final String TABLE = "kube-proxy";
  public static final String FAMILY = "ip";
  static final String SERVICE_IPS = "service-ips";
  static final String SERVICE_NODEPORTS = "service-nodeports";
  static final String NO_ENDPOINT_SERVICES = "no-endpoint-services";
  static final String NO_ENDPOINT_NODEPORTS = "no-endpoint-nodeports";
  static final String FIREWALL_IPS = "firewall-ips";
  static final String CLUSTER_IPS = "cluster-ips";
  static final String NODEPORT_IPS = "nodeport-ips";
  static final String MARK_MASQ = "mark-for-masquerade";
  static final String MASQUERADING = "masquerading";
  static final String REJECT_CHAIN = "reject-chain";
  static final String SERVICES = "services";
  static final String HAIRPIN = "hairpin";
  /** Masquerades a pod that reached itself through a Service (after DNAT, source == destination). */
  static final String HAIRPIN_RULE = "ct status dnat ip saddr . ip daddr @" + HAIRPIN + " jump " + MARK_MASQ;
  /**
   * Declaration of a shard map of endpoint slots for {@code protocol} (the key type is what
   * {@code numgen} yields). One per protocol: with {@code tcp dport} nft refuses a UDP rule through
   * the map ("conflicting protocols specified: udp vs. tcp"), and {@code th dport} is accepted in the
   * transaction that declares the map but refused in every later one (nft 1.0.6 reading it back).
   */
  static String endpointsMap(String protocol) {
    return "{ typeof numgen random mod 1 : ip daddr . " + protocol + " dport ; }";
  }

  private final NftNames names = new NftNames();

  /** The whole table, with endpoint slots allocated afresh. */
  public NftRuleset render(ProxyState state, NftablesConfig cfg) {
    return render(state, cfg, null, SlotAllocation.EMPTY);
  }

  /**
   * Renders only the Services in {@code only} (all when null; a partial sync renders the changed
   * ones), allocating their endpoint slots from {@code slots} (the previous allocation; Services
   * outside {@code only} keep theirs). The result carries the next allocation.
   */
  public NftRuleset render(ProxyState state, NftablesConfig cfg, Set<ServiceRef> only, SlotAllocation slots) {
    names.clearIfLarger(4 * (state.services().size() + state.endpointCount()) + 1024);
    List<ServicePort> ports = new ArrayList<>();
    List<EndpointSelection> sels = new ArrayList<>();
    Map<SlotAllocation.Path, Integer> demand = new HashMap<>();
    Iterable<ServicePort> scope = only == null ? state.services().values() : inScope(state, only);
    for (ServicePort port : scope) {
      EndpointSelection sel = EndpointSelection.categorize(port, state.endpointsOf(port.name()), cfg.nodeName());
      ports.add(port);
      sels.add(sel);
      ServiceRules.demand(port, sel, demand);
    }
    SlotAllocation next = slots.update(only, demand);
    ServiceRules rules = new ServiceRules(names, cfg, next);
    Map<ServiceRef, ServiceObjects.Builder> builders = new HashMap<>();
    for (int i = 0; i < ports.size(); i++) {
      ServicePort port = ports.get(i);
      rules.render(port, sels.get(i), builders.computeIfAbsent(port.name().service(), k -> new ServiceObjects.Builder()));
    }
    SortedMap<ServiceRef, ServiceObjects> out = new TreeMap<>();
    builders.forEach((k, v) -> out.put(k, v.build()));
    return new NftRuleset(out, next);
  }

  /** The ports of the Services in {@code only}, found through the sorted map without a scan of all. */
  private static List<ServicePort> inScope(ProxyState state, Set<ServiceRef> only) {
    List<ServicePort> out = new ArrayList<>();
    for (ServiceRef ref : only) {
      ServicePortName from = new ServicePortName(ref, "", "");
      for (ServicePort p : state.services().tailMap(from).values()) {
        if (!p.name().service().equals(ref)) break;
        out.add(p);
      }
    }
    return out;
  }

  /** The fixed part of the table: base chains, shared maps and sets, and their rules. */
  static String base(NftablesConfig cfg) {
    String t = FAMILY + " " + TABLE;
    StringBuilder b = new StringBuilder();
    String[][] hooks = {
        {"filter-prerouting", "filter", "prerouting", "-110"},
        {"filter-input", "filter", "input", "-10"},
        {"filter-forward", "filter", "forward", "-10"},
        {"filter-output", "filter", "output", "-10"},
        {"filter-output-post-dnat", "filter", "output", "-90"},
        {"nat-prerouting", "nat", "prerouting", "-100"},
        {"nat-output", "nat", "output", "-100"},
        {"nat-postrouting", "nat", "postrouting", "100"}};
    for (String[] h : hooks) {
      b.append("add chain ").append(t).append(' ').append(h[0]).append(" { type ").append(h[1]).append(" hook ").append(h[2])
          .append(" priority ").append(h[3]).append(" ; }\n");
    }
    for (String c : new String[] {"firewall-check", SERVICES, "service-endpoints-check", "nodeport-endpoints-check",
        "cluster-ips-check", MASQUERADING, MARK_MASQ, REJECT_CHAIN}) {
      b.append("add chain ").append(t).append(' ').append(c).append('\n');
    }
    String triple = "{ type ipv4_addr . inet_proto . inet_service : verdict ; }";
    String pair = "{ type inet_proto . inet_service : verdict ; }";
    b.append("add map ").append(t).append(' ').append(SERVICE_IPS).append(' ').append(triple).append('\n');
    b.append("add map ").append(t).append(' ').append(SERVICE_NODEPORTS).append(' ').append(pair).append('\n');
    b.append("add map ").append(t).append(' ').append(NO_ENDPOINT_SERVICES).append(' ').append(triple).append('\n');
    b.append("add map ").append(t).append(' ').append(NO_ENDPOINT_NODEPORTS).append(' ').append(pair).append('\n');
    b.append("add map ").append(t).append(' ').append(FIREWALL_IPS).append(' ').append(triple).append('\n');
    b.append("add set ").append(t).append(' ').append(CLUSTER_IPS).append(" { type ipv4_addr ; }\n");
    b.append("add set ").append(t).append(' ').append(NODEPORT_IPS).append(" { type ipv4_addr ; }\n");
    b.append("add set ").append(t).append(' ').append(HAIRPIN).append(" { type ipv4_addr . ipv4_addr ; }\n");
    for (String protocol : SlotAllocation.PROTOCOLS) {
      for (int i = 0; i < SlotAllocation.SHARDS; i++) {
        b.append("add map ").append(t).append(' ').append(SlotAllocation.mapName(i, protocol)).append(' ').append(endpointsMap(protocol))
            .append('\n');
      }
    }
    if (!cfg.nodeIPs().isEmpty()) {
      b.append("add element ").append(t).append(' ').append(NODEPORT_IPS).append(" { ").append(String.join(", ", cfg.nodeIPs()))
          .append(" }\n");
    }
    String[][] rules = {
        {"filter-prerouting", "ct state new jump firewall-check"},
        {"filter-input", "ct state new jump nodeport-endpoints-check"},
        {"filter-input", "ct state new jump service-endpoints-check"},
        {"filter-forward", "ct state new jump service-endpoints-check"},
        {"filter-forward", "ct state new jump cluster-ips-check"},
        {"filter-output", "ct state new jump service-endpoints-check"},
        {"filter-output", "ct state new jump firewall-check"},
        {"filter-output-post-dnat", "ct state new jump cluster-ips-check"},
        {"nat-prerouting", "jump " + SERVICES},
        {"nat-output", "jump " + SERVICES},
        {"nat-postrouting", "jump " + MASQUERADING},
        {"firewall-check", "ip daddr . meta l4proto . th dport vmap @" + FIREWALL_IPS},
        {SERVICES, "ip daddr . meta l4proto . th dport vmap @" + SERVICE_IPS},
        {SERVICES, "ip daddr @" + NODEPORT_IPS + " meta l4proto . th dport vmap @" + SERVICE_NODEPORTS},
        {"service-endpoints-check", "ip daddr . meta l4proto . th dport vmap @" + NO_ENDPOINT_SERVICES},
        {"nodeport-endpoints-check", "ip daddr @" + NODEPORT_IPS + " meta l4proto . th dport vmap @" + NO_ENDPOINT_NODEPORTS},
        {"cluster-ips-check", "ip daddr @" + CLUSTER_IPS + " reject"},
        {MASQUERADING, HAIRPIN_RULE},
        {MASQUERADING, "meta mark & " + cfg.mark() + " == 0 return"},
        {MASQUERADING, "meta mark set meta mark xor " + cfg.mark()},
        {MASQUERADING, "masquerade fully-random"},
        {MARK_MASQ, "meta mark set meta mark or " + cfg.mark()},
        {REJECT_CHAIN, "meta l4proto tcp reject with tcp reset"},
        {REJECT_CHAIN, "reject"}};
    for (String[] r : rules) b.append("add rule ").append(t).append(' ').append(r[0]).append(' ').append(r[1]).append('\n');
    return b.toString();
  }
}
