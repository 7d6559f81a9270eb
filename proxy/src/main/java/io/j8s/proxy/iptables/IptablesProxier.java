package io.j8s.proxy.iptables;

import io.j8s.hostnet.HostnetException;
import io.j8s.hostnet.iptables.Iptables;
import io.j8s.hostnet.iptables.Iptables.Position;
import io.j8s.hostnet.iptables.Iptables.Table;
import io.j8s.proxy.ProxyBackend;
import io.j8s.proxy.conntrack.UdpConntrackCleaner;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServiceRef;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The iptables mode's applier: on a full sync it makes sure the top-level chains exist and are
 * jumped to from the built-in chains ({@link JumpRules}), reads the nat table's existing chains
 * (stale ones are deleted), then restores the rendered payload with one
 * {@code iptables-restore --noflush}; a partial sync restores only the changed Services' chains
 * and those top-level chains whose rules differ from what the last successful restore left
 * (an endpoint change leaves KUBE-SERVICES alone), taking the previous sync's chains as existing.
 * A payload declaring many chains gets a table-wide first command that spares iptables-nft its
 * quadratic per-chain cache ({@link RestorePayload}). Then has {@link UdpConntrackCleaner} (when
 * given) delete the UDP flows the change made stale.
 */
public final class IptablesProxier implements ProxyBackend {
  private static final Set<String> TOP_LEVEL = Set.of(IptablesRenderer.KUBE_SERVICES, IptablesRenderer.KUBE_EXTERNAL_SERVICES,
      IptablesRenderer.KUBE_NODEPORTS, IptablesRenderer.KUBE_POSTROUTING, IptablesRenderer.KUBE_MARK_MASQ,
      IptablesRenderer.KUBE_FORWARD, IptablesRenderer.KUBE_PROXY_FIREWALL, IptablesRenderer.KUBE_FIREWALL);
  private final Iptables ipt;
  private final IptablesConfig cfg;
  private final IptablesRenderer renderer;
  private final UdpConntrackCleaner conntrack;
  private Set<String> lastActive = Set.of();
  private final Map<ServiceRef, Integer> serviceRules = new HashMap<>();
  private ProxyState lastState = ProxyState.EMPTY;
  private IptablesRuleset last;
  private String lastPayload = "";
  /** The top-level chains' rules as the last successful restore left them; empty when unknown. */
  private Map<String, List<String>> lastTopLevel = Map.of();

  public IptablesProxier(Iptables ipt, IptablesConfig cfg, UdpConntrackCleaner conntrack) {
    this.ipt = ipt;
    this.cfg = cfg;
    this.renderer = new IptablesRenderer(new ChainNames());
    this.conntrack = conntrack;
  }

  @Override public String mode() {
    return "iptables";
  }

  /** The last rendered ruleset (tests, debugging). */
  public IptablesRuleset last() {
    return last;
  }

  /** The payload the last sync restored: the rendered one, trimmed and shaped (tests, debugging). */
  public String lastPayload() {
    return lastPayload;
  }

  @Override public Map<String, Long> sync(ProxyState state, Set<ServiceRef> changed, boolean full) throws HostnetException {
    Set<String> existing;
    if (full) {
      ensureJumps();
      existing = chainsOf(ipt.save(Table.NAT));
      if (renderer.names().size() > 4 * (state.services().size() + state.endpointCount()) + 1024) renderer.names().clear();
    } else {
      existing = lastActive;
    }
    IptablesRuleset r = renderer.render(state, cfg, full ? null : changed, existing);
    Map<String, List<String>> topLevel = RestorePayload.chains(r.payload(), TOP_LEVEL::contains);
    String payload = r.payload();
    if (!full) {
      Set<String> unchanged = new HashSet<>();
      topLevel.forEach((k, rules) -> {
        if (rules.equals(lastTopLevel.get(k))) unchanged.add(k);
      });
      payload = RestorePayload.without(payload, unchanged);
    }
    payload = RestorePayload.tableWide(payload, RestorePayload.TABLE_WIDE_THRESHOLD);
    try {
      ipt.restore(payload, true);
    } catch (HostnetException e) {
      lastTopLevel = Map.of();
      throw e;
    }
    lastTopLevel = Map.copyOf(topLevel);
    lastPayload = payload;
    last = r;
    lastActive = r.activeChains();
    if (full) serviceRules.clear();
    else changed.forEach(serviceRules::remove);
    serviceRules.putAll(r.serviceNatRules());
    ProxyState before = lastState;
    lastState = state;
    if (conntrack != null) conntrack.cleanup(before, state, cfg.nodeName());
    long natTotal = r.natRules();
    if (!full) {
      for (Map.Entry<ServiceRef, Integer> e : serviceRules.entrySet()) {
        if (!r.serviceNatRules().containsKey(e.getKey())) natTotal += e.getValue();
      }
    }
    return Map.of("filter", r.filterRules(), "nat", natTotal);
  }

  private void ensureJumps() throws HostnetException {
    Set<String> made = new HashSet<>();
    for (JumpRules.Jump j : JumpRules.of(cfg)) {
      if (made.add(j.table() + "/" + j.to())) ipt.ensureChain(j.table(), j.to());
      ipt.ensureRule(Position.PREPEND, j.table(), j.from(), j.args());
    }
  }

  /** Removes the jumps, then flushes and deletes every chain the proxy made. */
  @Override public void cleanup() throws HostnetException {
    Map<Table, Set<String>> existing = new HashMap<>();
    for (Table t : new Table[] {Table.FILTER, Table.NAT}) existing.put(t, chainsOf(ipt.save(t)));
    for (JumpRules.Jump j : JumpRules.of(cfg)) {
      // iptables -C on a jump to a missing chain is a usage error, not "no such rule"
      if (existing.get(j.table()).contains(j.to())) ipt.deleteRule(j.table(), j.from(), j.args());
    }
    StringBuilder p = new StringBuilder();
    for (Table t : new Table[] {Table.FILTER, Table.NAT}) {
      Set<String> ours = new LinkedHashSet<>();
      for (String c : existing.get(t)) {
        if (TOP_LEVEL.contains(c) || ChainNames.isServiceChain(c)) ours.add(c);
      }
      if (ours.isEmpty()) continue;
      p.append('*').append(t.id()).append('\n');
      ours.forEach(c -> p.append(':').append(c).append(" - [0:0]\n"));
      ours.forEach(c -> p.append("-X ").append(c).append('\n'));
      p.append("COMMIT\n");
    }
    if (!p.isEmpty()) ipt.restore(RestorePayload.tableWide(p.toString(), RestorePayload.TABLE_WIDE_THRESHOLD), true);
    lastActive = Set.of();
    lastTopLevel = Map.of();
    serviceRules.clear();
    lastState = ProxyState.EMPTY;
  }

  /** The chain names declared in an {@code iptables-save} table. */
  static Set<String> chainsOf(String saved) {
    Set<String> out = new LinkedHashSet<>();
    saved.lines().forEach(l -> {
      if (l.startsWith(":")) {
        int sp = l.indexOf(' ');
        out.add(sp < 0 ? l.substring(1) : l.substring(1, sp));
      }
    });
    return out;
  }
}
