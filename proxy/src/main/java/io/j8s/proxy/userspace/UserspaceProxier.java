package io.j8s.proxy.userspace;

import io.j8s.base.time.Clock;
import io.j8s.hostnet.HostnetException;
import io.j8s.hostnet.conntrack.Conntrack;
import io.j8s.hostnet.conntrack.FlowFilter;
import io.j8s.hostnet.iptables.Iptables;
import io.j8s.hostnet.iptables.Iptables.Position;
import io.j8s.hostnet.iptables.Iptables.Table;
import io.j8s.proxy.ProxyBackend;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePortName;
import io.j8s.proxy.state.ServiceRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The userspace mode's applier. Each sync: plans the listeners ({@link ListenerPlan}), opens the
 * new ones and hands the others their new endpoints, restores the portal rules
 * ({@link PortalRules}, every chain at once: a handful of rules per service) with one
 * {@code iptables-restore --noflush} (skipped in a partial sync when nothing in them changed),
 * and only then closes the listeners no longer planned, so no redirect ever points at a closed
 * port (a closed UDP listener's conntrack flows are deleted, when given a {@link Conntrack}). The jumps from the built-in chains are ensured on full syncs. {@link #close()} stops the
 * listeners (rules stay, as in the other modes); {@link #cleanup()} removes the rules. The
 * listeners ask the config's network policy before relaying, and re-judge what they relay when it
 * changes ({@link #recheck()}).
 */
public final class UserspaceProxier implements ProxyBackend, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UserspaceProxier.class);
  private final Iptables ipt;
  private final UserspaceConfig cfg;
  private final Clock clock;
  private final Transport transport;
  private final UserspaceMetrics metrics = new UserspaceMetrics();
  private final Map<ListenerKey, ServiceListener> listeners = new TreeMap<>();
  private final Map<ListenerKey, ListenerSpec> specs = new HashMap<>();
  private final Conntrack conntrack;
  private String lastPayload;

  public UserspaceProxier(Iptables ipt, UserspaceConfig cfg, Clock clock) {
    this(ipt, null, cfg, clock);
  }

  /** With {@code conntrack} (may be null), the UDP flows redirected to a closed listener are deleted, so clients' next datagrams are redirected anew. */
  public UserspaceProxier(Iptables ipt, Conntrack conntrack, UserspaceConfig cfg, Clock clock) {
    this.ipt = ipt;
    this.conntrack = conntrack;
    this.cfg = cfg;
    this.clock = clock;
    this.transport = new Transport(cfg.threads());
    cfg.policy().onChange(this::recheck);
  }

  /** Closes the relayed connections and sessions the network policy no longer allows. */
  public void recheck() {
    List<ServiceListener> ls;
    synchronized (this) {
      ls = List.copyOf(listeners.values());
    }
    ls.forEach(ServiceListener::recheck);
  }

  @Override public String mode() {
    return "userspace";
  }

  public UserspaceMetrics metrics() {
    return metrics;
  }

  @Override public String metricsText() {
    return metrics.render();
  }

  /** The bound port of each running listener (tests, debugging). */
  public synchronized Map<ListenerKey, Integer> ports() {
    Map<ListenerKey, Integer> out = new TreeMap<>();
    listeners.forEach((k, l) -> out.put(k, l.port()));
    return out;
  }

  ServiceListener listener(ListenerKey key) {
    synchronized (this) {
      return listeners.get(key);
    }
  }

  @Override public synchronized Map<String, Long> sync(ProxyState state, Set<ServiceRef> changed, boolean full) throws Exception {
    ListenerPlan plan = ListenerPlan.of(state, cfg.nodeName());
    List<ServiceListener> stale = new ArrayList<>();
    List<ListenerSpec> staleSpecs = new ArrayList<>();
    for (ListenerKey k : new ArrayList<>(listeners.keySet())) {
      ListenerSpec spec = plan.listeners().get(k);
      if (spec == null || !spec.protocol().equals(specs.get(k).protocol())) {
        stale.add(listeners.remove(k));
        staleSpecs.add(specs.remove(k));
      }
    }
    for (ListenerSpec spec : plan.listeners().values()) {
      ServiceListener l = listeners.get(spec.key());
      if (l != null) {
        l.update(spec);
        specs.put(spec.key(), spec);
        continue;
      }
      ServiceMetrics m = metrics.of(spec.key().name());
      l = spec.udp() ? new UdpListener(transport, spec, m, clock, cfg.udpIdleTimeout(), cfg.policy())
          : new TcpListener(transport, spec, m, clock, cfg.connectTimeout(), cfg.policy());
      listeners.put(spec.key(), l);
      specs.put(spec.key(), spec);
    }
    Map<ListenerKey, Integer> ports = new HashMap<>();
    listeners.forEach((k, l) -> ports.put(k, l.port()));
    PortalRules.Ruleset rules = PortalRules.render(plan, ports, cfg.hostIp());
    try {
      if (full) ensureJumps();
      if (full || !rules.payload().equals(lastPayload)) {
        lastPayload = null;
        ipt.restore(rules.payload(), true);
        lastPayload = rules.payload();
      }
    } finally {
      stale.forEach(ServiceListener::close);
      staleSpecs.stream().filter(ListenerSpec::udp).forEach(this::forgetUdpFlows);
    }
    Set<ServicePortName> live = plan.listeners().keySet().stream().map(ListenerKey::name).collect(Collectors.toSet());
    metrics.retain(live);
    return Map.of("nat", rules.natRules(), "filter", rules.filterRules(), "listeners", (long) listeners.size());
  }

  /** Deletes the conntrack entries that redirect a closed UDP listener's portals (failures are logged: the flows time out anyway). */
  private void forgetUdpFlows(ListenerSpec spec) {
    if (conntrack == null) return;
    for (Portal p : spec.portals()) {
      try {
        conntrack.delete(new FlowFilter("udp", p.ip(), p.port(), null));
      } catch (HostnetException e) {
        LOG.warn("could not delete the UDP flows of {} {}: {}", spec.key(), p, e.getMessage());
      }
    }
  }

  private void ensureJumps() throws HostnetException {
    Set<String> made = new HashSet<>();
    for (PortalRules.Jump j : PortalRules.JUMPS) if (made.add(j.table() + "/" + j.to())) ipt.ensureChain(j.table(), j.to());
    // prepended in reverse, so they end up in the listed order at the top of each built-in chain
    for (PortalRules.Jump j : PortalRules.JUMPS.reversed()) ipt.ensureRule(Position.PREPEND, j.table(), j.from(), j.args());
  }

  /** Removes the jumps, then our chains. */
  @Override public synchronized void cleanup() throws HostnetException {
    Set<String> nat = chainsOf(ipt.save(Table.NAT));
    Set<String> filter = chainsOf(ipt.save(Table.FILTER));
    for (PortalRules.Jump j : PortalRules.JUMPS) {
      if ((j.table() == Table.NAT ? nat : filter).contains(j.to())) ipt.deleteRule(j.table(), j.from(), j.args());
    }
    ipt.restore(PortalRules.deletion(), true);
    lastPayload = null;
  }

  static Set<String> chainsOf(String saved) {
    Set<String> out = new HashSet<>();
    saved.lines().filter(l -> l.startsWith(":")).forEach(l -> out.add(l.substring(1).split(" ")[0]));
    return out;
  }

  /** Stops every listener and the event loops; the rules stay until {@link #cleanup()}. */
  @Override public synchronized void close() {
    listeners.values().forEach(ServiceListener::close);
    listeners.clear();
    specs.clear();
    transport.close();
  }
}
