package io.j8s.proxy.userspace;

import io.j8s.api.net.UserspaceRelay;
import io.j8s.hostnet.iptables.Iptables.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the userspace mode's iptables (pure): in nat, traffic arriving from elsewhere (pods,
 * other hosts) is REDIRECTed to the listener's port on the incoming interface's address
 * ({@code KUBE-PORTALS-CONTAINER}, {@code KUBE-NODEPORT-CONTAINER}, from PREROUTING), and the node's
 * own traffic is DNATed to {@code hostIp}:port ({@code KUBE-PORTALS-HOST}, {@code KUBE-NODEPORT-HOST},
 * from OUTPUT; REDIRECT would not do there), as upstream's old userspace proxier. A listener without
 * endpoints gets no redirect: its portals are rejected in filter ({@code KUBE-PORTALS-REJECT}, from
 * INPUT, FORWARD and OUTPUT), or dropped when the service has endpoints only on other nodes.
 * Each redirect is preceded by a rule putting {@link UserspaceRelay#REDIRECT_MARK} on the packet, so
 * the network policy engine leaves the redirected connection to the relay to judge.
 * The payload declares (and so flushes) every chain, for one {@code iptables-restore --noflush}.
 */
public final class PortalRules {
  public static final String PORTALS_CONTAINER = "KUBE-PORTALS-CONTAINER";
  public static final String PORTALS_HOST = "KUBE-PORTALS-HOST";
  public static final String NODEPORT_CONTAINER = "KUBE-NODEPORT-CONTAINER";
  public static final String NODEPORT_HOST = "KUBE-NODEPORT-HOST";
  public static final String PORTALS_REJECT = "KUBE-PORTALS-REJECT";
  public static final List<String> NAT_CHAINS = List.of(PORTALS_CONTAINER, PORTALS_HOST, NODEPORT_CONTAINER, NODEPORT_HOST);
  public static final List<String> FILTER_CHAINS = List.of(PORTALS_REJECT);

  /** A rendered ruleset: the restore payload and the rules it writes per table. */
  public record Ruleset(String payload, long natRules, long filterRules) {}

  /** One jump from a built-in chain into ours, as data: {@code -A from <extra> -m comment --comment C -j to}. */
  public record Jump(Table table, String from, String to, List<String> extra, String comment) {
    public List<String> args() {
      List<String> a = new ArrayList<>(extra);
      a.addAll(List.of("-m", "comment", "--comment", comment, "-j", to));
      return a;
    }
  }

  static final String MARK = "0x" + Integer.toHexString(UserspaceRelay.REDIRECT_MARK);
  private static final List<String> LOCAL = List.of("-m", "addrtype", "--dst-type", "LOCAL");
  private static final List<String> NEW = List.of("-m", "conntrack", "--ctstate", "NEW");

  /** The jumps, in the order they should end up in each built-in chain (portals before NodePorts). */
  public static final List<Jump> JUMPS = List.of(
      new Jump(Table.NAT, "PREROUTING", PORTALS_CONTAINER, List.of(), "handle ClusterIPs; NOTE: this must be before the NodePort rules"),
      new Jump(Table.NAT, "OUTPUT", PORTALS_HOST, List.of(), "handle ClusterIPs; NOTE: this must be before the NodePort rules"),
      new Jump(Table.NAT, "PREROUTING", NODEPORT_CONTAINER, LOCAL, "handle service NodePorts; NOTE: this must be the last rule in the chain"),
      new Jump(Table.NAT, "OUTPUT", NODEPORT_HOST, LOCAL, "handle service NodePorts; NOTE: this must be the last rule in the chain"),
      new Jump(Table.FILTER, "INPUT", PORTALS_REJECT, NEW, "reject services without endpoints"),
      new Jump(Table.FILTER, "FORWARD", PORTALS_REJECT, NEW, "reject services without endpoints"),
      new Jump(Table.FILTER, "OUTPUT", PORTALS_REJECT, NEW, "reject services without endpoints"));

  private PortalRules() {}

  /**
   * The whole ruleset for {@code plan}; {@code ports} holds each listener's bound port (a listener
   * missing there is treated as having no endpoints). {@code hostIp} is where the node's own
   * traffic is DNATed to (any local address the listeners are bound on).
   */
  public static Ruleset render(ListenerPlan plan, Map<ListenerKey, Integer> ports, String hostIp) {
    StringBuilder nat = new StringBuilder();
    StringBuilder filter = new StringBuilder();
    long natRules = 0;
    long filterRules = 0;
    for (ListenerSpec spec : plan.listeners().values()) {
      String proto = spec.protocol().toLowerCase(Locale.ROOT);
      String svc = spec.key().name().toString();
      Integer port = ports.get(spec.key());
      boolean redirect = port != null && !spec.endpoints().isEmpty();
      for (Portal p : spec.portals()) {
        String dport = Integer.toString(p.port());
        String match = p.isNodePort() ? "-m " + proto + " -p " + proto + " --dport " + dport
            : "-m " + proto + " -p " + proto + " -d " + p.ip() + "/32 --dport " + dport;
        if (redirect) {
          String comment = quote(svc + (p.isNodePort() ? "" : " " + label(p.kind())));
          String container = "-A " + (p.isNodePort() ? NODEPORT_CONTAINER : PORTALS_CONTAINER) + " -m comment --comment " + comment + ' ' + match;
          nat.append(container).append(" -j MARK --or-mark ").append(MARK).append('\n');
          nat.append(container).append(" -j REDIRECT --to-ports ").append(port).append('\n');
          nat.append("-A ").append(p.isNodePort() ? NODEPORT_HOST : PORTALS_HOST).append(" -m comment --comment ")
              .append(comment).append(' ').append(match).append(" -j DNAT --to-destination ").append(hostIp).append(':').append(port)
              .append('\n');
          natRules += 3;
        } else {
          boolean reject = !spec.anyEndpoints();
          String comment = quote(svc + (reject ? " has no endpoints" : " has no local endpoints"));
          filter.append("-A ").append(PORTALS_REJECT).append(" -m comment --comment ").append(comment)
              .append(p.isNodePort() ? " -m addrtype --dst-type LOCAL " : " ").append(match)
              .append(reject ? " -j REJECT" : " -j DROP").append('\n');
          filterRules++;
        }
      }
    }
    StringBuilder out = new StringBuilder("*filter\n");
    FILTER_CHAINS.forEach(c -> out.append(':').append(c).append(" - [0:0]\n"));
    out.append(filter).append("COMMIT\n*nat\n");
    NAT_CHAINS.forEach(c -> out.append(':').append(c).append(" - [0:0]\n"));
    out.append(nat).append("COMMIT\n");
    return new Ruleset(out.toString(), natRules, filterRules);
  }

  /** The payload that flushes and deletes our chains (after the jumps are gone). */
  public static String deletion() {
    StringBuilder out = new StringBuilder("*filter\n");
    FILTER_CHAINS.forEach(c -> out.append(':').append(c).append(" - [0:0]\n"));
    FILTER_CHAINS.forEach(c -> out.append("-X ").append(c).append('\n'));
    out.append("COMMIT\n*nat\n");
    NAT_CHAINS.forEach(c -> out.append(':').append(c).append(" - [0:0]\n"));
    NAT_CHAINS.forEach(c -> out.append("-X ").append(c).append('\n'));
    return out.append("COMMIT\n").toString();
  }

  private static String label(Portal.Kind kind) {
    return switch (kind) {
      case CLUSTER_IP -> "cluster IP";
      case EXTERNAL_IP -> "external IP";
      case LOAD_BALANCER -> "loadbalancer IP";
      case NODE_PORT -> "node port";
    };
  }

  private static String quote(String comment) {
    return comment.indexOf(' ') >= 0 ? "\"" + comment + "\"" : comment;
  }
}
