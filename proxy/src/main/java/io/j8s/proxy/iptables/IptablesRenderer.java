package io.j8s.proxy.iptables;

import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.EndpointSelection;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import io.j8s.proxy.state.ServiceRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders a {@link ProxyState} into one {@code iptables-restore --noflush} payload for the filter
 * and nat tables with upstream kube-proxy's layout: the top-level chains (KUBE-SERVICES,
 * KUBE-EXTERNAL-SERVICES, KUBE-NODEPORTS, KUBE-FORWARD, KUBE-PROXY-FIREWALL, KUBE-FIREWALL in
 * filter; KUBE-SERVICES, KUBE-NODEPORTS, KUBE-POSTROUTING, KUBE-MARK-MASQ in nat) are always
 * rewritten whole; each service port's chains (KUBE-SVC-, KUBE-SVL-, KUBE-EXT-, KUBE-FW-,
 * KUBE-SEP-, see {@link ServiceChains}) are written in a full sync and, in a partial one, only for
 * the changed Services; stale per-service chains are flushed and deleted. Pure in its result:
 * the names and each port's captures are memoised, the payload is what a fresh renderer makes.
 */
public final class IptablesRenderer {
  public static final String KUBE_SERVICES = "KUBE-SERVICES";
  public static final String KUBE_EXTERNAL_SERVICES = "KUBE-EXTERNAL-SERVICES";
  public static final String KUBE_NODEPORTS = "KUBE-NODEPORTS";
  public static final String KUBE_POSTROUTING = "KUBE-POSTROUTING";
  public static final String KUBE_MARK_MASQ = "KUBE-MARK-MASQ";
  public static final String KUBE_FORWARD = "KUBE-FORWARD";
  public static final String KUBE_PROXY_FIREWALL = "KUBE-PROXY-FIREWALL";
  public static final String KUBE_FIREWALL = "KUBE-FIREWALL";

  /**
   * A service port's captures in the top-level chains and its chains that stay active, as last
   * rendered from this port and these endpoints: a partial sync reuses them for the Services it
   * does not rewrite (no endpoint sorting, no chain naming), so its cost follows the change, not
   * the number of Services. The payload is the same as without them.
   */
  private record Captures(ServicePort port, List<Endpoint> endpoints, String filter, long filterCount, String nat, long natCount,
      List<String> activeChains) {}

  private final ChainNames names;
  private Map<ServicePortName, Captures> captures = new HashMap<>();
  private IptablesConfig capturesCfg;

  public IptablesRenderer(ChainNames names) {
    this.names = names;
  }

  public ChainNames names() {
    return names;
  }

  /**
   * @param changed null for a full sync, else the Services whose chains a partial sync rewrites
   * @param existingChains per-service chains on the host before this sync (from {@code iptables-save}
   *     or the previous sync); those no longer active are deleted
   */
  public IptablesRuleset render(ProxyState state, IptablesConfig cfg, Set<ServiceRef> changed, Set<String> existingChains) {
    Buffers b = new Buffers();
    String mark = cfg.mark();
    for (String c : new String[] {KUBE_NODEPORTS, KUBE_SERVICES, KUBE_EXTERNAL_SERVICES, KUBE_FORWARD, KUBE_PROXY_FIREWALL}) {
      b.filterChains.append(':').append(c).append(" - [0:0]\n");
    }
    if (cfg.localhostNodePorts()) {
      b.filterChains.append(':').append(KUBE_FIREWALL).append(" - [0:0]\n");
      b.filter("-A", KUBE_FIREWALL, "-m", "comment", "--comment", Buffers.quote("block incoming localnet connections"),
          "-d", "127.0.0.0/8", "!", "-s", "127.0.0.0/8", "-m", "conntrack", "!", "--ctstate", "RELATED,ESTABLISHED,DNAT", "-j", "DROP");
    }
    for (String c : new String[] {KUBE_NODEPORTS, KUBE_SERVICES, KUBE_MARK_MASQ, KUBE_POSTROUTING}) {
      b.natChains.append(':').append(c).append(" - [0:0]\n");
    }
    b.nat("-A", KUBE_POSTROUTING, "-m", "mark", "!", "--mark", cfg.markMask(), "-j", "RETURN");
    b.nat("-A", KUBE_POSTROUTING, "-j", "MARK", "--xor-mark", mark);
    b.nat("-A", KUBE_POSTROUTING, "-m", "comment", "--comment", Buffers.quote("kubernetes service traffic requiring SNAT"),
        "-j", "MASQUERADE", "--random-fully");
    b.nat("-A", KUBE_MARK_MASQ, "-j", "MARK", "--or-mark", mark);

    Set<String> active = new HashSet<>();
    Map<ServiceRef, Integer> serviceRules = new HashMap<>();
    ServiceChains chains = new ServiceChains(names, cfg, b);
    if (cfg != capturesCfg) captures.clear();
    Map<ServicePortName, Captures> nextCaptures = new HashMap<>();
    for (ServicePort port : state.services().values()) {
      ServicePortName spn = port.name();
      List<Endpoint> endpoints = state.endpointsOf(spn);
      boolean write = changed == null || changed.contains(spn.service());
      Captures c = captures.get(spn);
      if (write || c == null || !c.port().equals(port) || !c.endpoints().equals(endpoints)) {
        EndpointSelection sel = EndpointSelection.categorize(port, endpoints, cfg.nodeName());
        Buffers top = Buffers.small();
        List<String> own = new ArrayList<>();
        int ownRules = chains.render(port, sel, top, write, own);
        if (write) serviceRules.merge(spn.service(), ownRules, Integer::sum);
        c = new Captures(port, endpoints, top.filterRules.toString(), top.filterCount, top.natRules.toString(), top.natCount,
            List.copyOf(own));
      }
      nextCaptures.put(spn, c);
      b.filterRules.append(c.filter());
      b.filterCount += c.filterCount();
      b.natRules.append(c.nat());
      b.natCount += c.natCount();
      active.addAll(c.activeChains());
    }
    captures = nextCaptures;
    capturesCfg = cfg;

    String nodePortsComment = Buffers.quote("kubernetes service nodeports; NOTE: this must be the last rule in this chain");
    if (cfg.localhostNodePorts()) {
      b.nat("-A", KUBE_SERVICES, "-m", "comment", "--comment", nodePortsComment, "-m", "addrtype", "--dst-type", "LOCAL",
          "-j", KUBE_NODEPORTS);
    } else {
      b.nat("-A", KUBE_SERVICES, "-m", "comment", "--comment", nodePortsComment, "-m", "addrtype", "--dst-type", "LOCAL",
          "!", "-d", "127.0.0.0/8", "-j", KUBE_NODEPORTS);
    }

    b.filter("-A", KUBE_FORWARD, "-m", "conntrack", "--ctstate", "INVALID", "-j", "DROP");
    b.filter("-A", KUBE_FORWARD, "-m", "comment", "--comment", Buffers.quote("kubernetes forwarding rules"),
        "-m", "mark", "--mark", cfg.markMask(), "-j", "ACCEPT");
    b.filter("-A", KUBE_FORWARD, "-m", "comment", "--comment", Buffers.quote("kubernetes forwarding conntrack rule"),
        "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", "-j", "ACCEPT");

    Set<String> deleted = new TreeSet<>();
    for (String c : existingChains) {
      if (ChainNames.isServiceChain(c) && !active.contains(c)) deleted.add(c);
    }
    for (String c : deleted) {
      b.natChains.append(':').append(c).append(" - [0:0]\n");
      b.natRules.append("-X ").append(c).append('\n');
    }

    StringBuilder out = new StringBuilder(b.filterChains.length() + b.filterRules.length() + b.natChains.length()
        + b.natRules.length() + 32);
    out.append("*filter\n").append(b.filterChains).append(b.filterRules).append("COMMIT\n");
    out.append("*nat\n").append(b.natChains).append(b.natRules).append("COMMIT\n");
    return new IptablesRuleset(out.toString(), b.filterCount, b.natCount, Set.copyOf(active), Map.copyOf(serviceRules),
        Set.copyOf(deleted));
  }
}
