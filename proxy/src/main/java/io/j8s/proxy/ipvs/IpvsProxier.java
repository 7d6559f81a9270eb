package io.j8s.proxy.ipvs;

import io.j8s.base.time.Clock;
import io.j8s.hostnet.HostnetException;
import io.j8s.hostnet.iptables.Iptables;
import io.j8s.hostnet.iptables.Iptables.Position;
import io.j8s.hostnet.iptables.Iptables.Table;
import io.j8s.hostnet.ipset.IpSet;
import io.j8s.hostnet.ipset.Ipset;
import io.j8s.hostnet.ipset.IpsetScript;
import io.j8s.hostnet.ipvs.Ipvs;
import io.j8s.hostnet.ipvs.IpvsOp;
import io.j8s.hostnet.ipvs.IpvsTable;
import io.j8s.hostnet.ipvs.RealServer;
import io.j8s.hostnet.link.Links;
import io.j8s.hostnet.sysctl.Sysctl;
import io.j8s.proxy.ProxyBackend;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServiceRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ipvs mode's applier. Every sync renders the whole desired state ({@link IpvsRenderer}) and
 * makes the host match it in upstream's order: IP sets (entries added and deleted), the iptables
 * chains (one {@code iptables-restore --noflush}), new addresses on kube-ipvs0, the IPVS table
 * ({@link IpvsDiff}: incremental operations through one {@code ipvsadm -R}), then stale addresses
 * removed. A full sync (and the first, and any after a failure) first reads the host (dummy device,
 * its addresses, the sets, the IPVS table) and ensures the jumps from the built-in chains; a
 * partial sync diffs against what the previous sync left. Removed TCP destinations stay quiesced
 * (weight 0) until a later sync sees them without connections ({@code ipvsadm -L -n}), at the latest
 * for the config's grace period. The first sync also sets the sysctls IPVS needs
 * ({@code net.ipv4.vs.conntrack} for masquerading, ...), warning about any it cannot.
 */
public final class IpvsProxier implements ProxyBackend {
  private static final Logger LOG = LoggerFactory.getLogger(IpvsProxier.class);
  static final Map<String, String> SYSCTLS = new LinkedHashMap<>(Map.of(
      "net.ipv4.vs.conntrack", "1", "net.ipv4.vs.expire_nodest_conn", "1", "net.ipv4.vs.expire_quiescent_template", "1",
      "net.ipv4.ip_forward", "1"));

  private final Ipvs ipvs;
  private final Ipset ipset;
  private final Links links;
  private final Iptables ipt;
  private final Sysctl sysctl;
  private final IpvsConfig cfg;
  private final Clock clock;
  private boolean synced;
  private boolean sysctlsDone;
  private IpvsTable table = IpvsTable.EMPTY;
  private Set<String> addresses = Set.of();
  private Map<String, IpSet> sets = Map.of();
  private Map<String, Long> quiescedSince = new HashMap<>();
  private IpvsDesired last;
  private List<IpvsOp> lastOps = List.of();

  public IpvsProxier(Ipvs ipvs, Ipset ipset, Links links, Iptables ipt, Sysctl sysctl, IpvsConfig cfg, Clock clock) {
    this.ipvs = ipvs;
    this.ipset = ipset;
    this.links = links;
    this.ipt = ipt;
    this.sysctl = sysctl;
    this.cfg = cfg;
    this.clock = clock;
  }

  @Override public String mode() {
    return "ipvs";
  }

  /** The last desired state and the IPVS operations of the last sync (tests, debugging). */
  public IpvsDesired last() {
    return last;
  }

  public List<IpvsOp> lastOps() {
    return lastOps;
  }

  @Override public Map<String, Long> sync(ProxyState state, Set<ServiceRef> changed, boolean full) throws HostnetException {
    IpvsDesired d = IpvsRenderer.render(state, cfg);
    boolean wasSynced = synced;
    synced = false;
    if (full || !wasSynced) readHost();
    String script = IpsetScript.diff(sets, d.sets());
    if (!script.isEmpty()) ipset.restore(script);
    Map<String, IpSet> nowSets = new TreeMap<>(sets);
    d.sets().forEach(s -> nowSets.put(s.name(), s));
    sets = nowSets;
    ipt.restore(d.iptables(), true);
    for (String a : d.addresses()) if (!addresses.contains(a)) links.addAddress(IpvsConfig.DUMMY_DEVICE, a);
    long now = clock.nanoTime();
    Set<String> drainable = new HashSet<>();
    if (!quiescedSince.isEmpty()) {
      // as upstream's graceful termination: a quiesced destination goes once its connections are done, at the latest after the grace period
      Map<String, Integer> conns = ipvs.connections();
      quiescedSince.forEach((k, t) -> {
        if (conns.getOrDefault(k, 0) == 0 || now - t >= cfg.gracePeriod().toNanos()) drainable.add(k);
      });
    }
    IpvsDiff.Plan plan = IpvsDiff.diff(table, d.ipvs(), drainable);
    ipvs.apply(plan.ops());
    table = plan.after();
    Map<String, Long> draining = new HashMap<>();
    for (IpvsTable.Service s : table.services().values()) {
      for (RealServer r : s.destinations().values()) {
        if (r.weight() == 0) {
          String k = IpvsDiff.destKey(s.server(), r);
          draining.put(k, quiescedSince.getOrDefault(k, now));
        }
      }
    }
    quiescedSince = draining;
    for (String a : addresses) if (!d.addresses().contains(a)) links.deleteAddress(IpvsConfig.DUMMY_DEVICE, a);
    addresses = d.addresses();
    last = d;
    lastOps = plan.ops();
    synced = true;
    return Map.of("virtual-servers", (long) table.services().size(), "real-servers", (long) table.realServerCount(),
        "ipset-entries", d.ipsetEntries(), "addresses", (long) addresses.size());
  }

  private void readHost() throws HostnetException {
    if (!sysctlsDone) {
      for (Map.Entry<String, String> e : SYSCTLS.entrySet()) {
        try {
          sysctl.ensure(e.getKey(), e.getValue());
        } catch (HostnetException ex) {
          LOG.warn("could not set {}={} ({}): ipvs Services may not work", e.getKey(), e.getValue(), ex.getMessage());
        }
      }
      sysctlsDone = true;
    }
    if (links.link(IpvsConfig.DUMMY_DEVICE).isEmpty()) links.addDummy(IpvsConfig.DUMMY_DEVICE);
    addresses = new TreeSet<>(links.addresses(IpvsConfig.DUMMY_DEVICE));
    sets = ipset.list();
    table = ipvs.read();
    Set<String> made = new HashSet<>();
    for (IpvsIptables.Jump j : IpvsIptables.JUMPS) {
      if (made.add(j.table() + "/" + j.to())) ipt.ensureChain(j.table(), j.to());
      ipt.ensureRule(Position.PREPEND, j.table(), j.from(), j.args());
    }
  }

  /** Deletes every virtual server, kube-ipvs0, the jumps and chains, then the ip sets (no longer referenced). */
  @Override public void cleanup() throws HostnetException {
    List<IpvsOp> ops = new ArrayList<>();
    for (IpvsTable.Service s : ipvs.read().services().values()) ops.add(new IpvsOp.DeleteService(s.server()));
    ipvs.apply(ops);
    links.deleteLink(IpvsConfig.DUMMY_DEVICE);
    Map<Table, Set<String>> existing = new HashMap<>();
    for (Table t : new Table[] {Table.FILTER, Table.NAT}) existing.put(t, chainsOf(ipt.save(t)));
    for (IpvsIptables.Jump j : IpvsIptables.JUMPS) {
      if (existing.get(j.table()).contains(j.to())) ipt.deleteRule(j.table(), j.from(), j.args());
    }
    StringBuilder p = new StringBuilder();
    for (Table t : new Table[] {Table.NAT, Table.FILTER}) {
      List<String> ours = (t == Table.NAT ? IpvsIptables.NAT_CHAINS : IpvsIptables.FILTER_CHAINS).stream()
          .filter(existing.get(t)::contains).toList();
      if (ours.isEmpty()) continue;
      p.append('*').append(t.id()).append('\n');
      ours.forEach(c -> p.append(':').append(c).append(" - [0:0]\n"));
      ours.forEach(c -> p.append("-X ").append(c).append('\n'));
      p.append("COMMIT\n");
    }
    if (!p.isEmpty()) ipt.restore(p.toString(), true);
    ipset.restore(IpsetScript.destroy(ipset.list(), KubeIpsets.names()));
    synced = false;
    table = IpvsTable.EMPTY;
    addresses = Set.of();
    sets = Map.of();
    quiescedSince = new HashMap<>();
  }

  static Set<String> chainsOf(String saved) {
    Set<String> out = new TreeSet<>();
    saved.lines().filter(l -> l.startsWith(":")).forEach(l -> out.add(l.substring(1).split(" ")[0]));
    return out;
  }
}
