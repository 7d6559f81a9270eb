package io.j8s.proxy.ipvs;

import static io.j8s.proxy.ipvs.KubeIpsets.CLUSTER_IP;
import static io.j8s.proxy.ipvs.KubeIpsets.EXTERNAL_IP;
import static io.j8s.proxy.ipvs.KubeIpsets.EXTERNAL_IP_LOCAL;
import static io.j8s.proxy.ipvs.KubeIpsets.HEALTH_CHECK_NODE_PORT;
import static io.j8s.proxy.ipvs.KubeIpsets.IPVS_IPS;
import static io.j8s.proxy.ipvs.KubeIpsets.LOAD_BALANCER;

import io.j8s.hostnet.iptables.Iptables.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The ipvs mode's iptables chains with upstream's layout and order: nat KUBE-SERVICES,
 * KUBE-POSTROUTING, KUBE-NODE-PORT, KUBE-LOAD-BALANCER, KUBE-MARK-MASQ; filter KUBE-FORWARD,
 * KUBE-NODE-PORT, KUBE-PROXY-FIREWALL, KUBE-SOURCE-RANGES-FIREWALL, KUBE-IPVS-FILTER,
 * KUBE-IPVS-OUT-FILTER. Rules match the KUBE- ip sets (a set-driven rule only while its set has
 * entries); the whole payload is rewritten every sync with {@code iptables-restore --noflush}. Pure.
 */
public final class IpvsIptables {
  public static final String KUBE_SERVICES = "KUBE-SERVICES";
  public static final String KUBE_POSTROUTING = "KUBE-POSTROUTING";
  public static final String KUBE_NODE_PORT = "KUBE-NODE-PORT";
  public static final String KUBE_LOAD_BALANCER = "KUBE-LOAD-BALANCER";
  public static final String KUBE_MARK_MASQ = "KUBE-MARK-MASQ";
  public static final String KUBE_FORWARD = "KUBE-FORWARD";
  public static final String KUBE_PROXY_FIREWALL = "KUBE-PROXY-FIREWALL";
  public static final String KUBE_SOURCE_RANGES_FIREWALL = "KUBE-SOURCE-RANGES-FIREWALL";
  public static final String KUBE_IPVS_FILTER = "KUBE-IPVS-FILTER";
  public static final String KUBE_IPVS_OUT_FILTER = "KUBE-IPVS-OUT-FILTER";
  public static final List<String> NAT_CHAINS = List.of(KUBE_SERVICES, KUBE_POSTROUTING, KUBE_NODE_PORT, KUBE_LOAD_BALANCER, KUBE_MARK_MASQ);
  public static final List<String> FILTER_CHAINS = List.of(KUBE_FORWARD, KUBE_NODE_PORT, KUBE_PROXY_FIREWALL, KUBE_SOURCE_RANGES_FIREWALL,
      KUBE_IPVS_FILTER, KUBE_IPVS_OUT_FILTER);

  /** A jump from a built-in chain, prepended: {@code -m comment --comment C -j to}. */
  public record Jump(Table table, String from, String to, String comment) {
    public List<String> args() {
      return List.of("-m", "comment", "--comment", comment, "-j", to);
    }
  }

  public static final List<Jump> JUMPS = List.of(
      new Jump(Table.NAT, "OUTPUT", KUBE_SERVICES, "kubernetes service portals"),
      new Jump(Table.NAT, "PREROUTING", KUBE_SERVICES, "kubernetes service portals"),
      new Jump(Table.NAT, "POSTROUTING", KUBE_POSTROUTING, "kubernetes postrouting rules"),
      new Jump(Table.FILTER, "FORWARD", KUBE_FORWARD, "kubernetes forwarding rules"),
      new Jump(Table.FILTER, "INPUT", KUBE_NODE_PORT, "kubernetes health check rules"),
      new Jump(Table.FILTER, "INPUT", KUBE_PROXY_FIREWALL, "kube-proxy firewall rules"),
      new Jump(Table.FILTER, "FORWARD", KUBE_PROXY_FIREWALL, "kube-proxy firewall rules"),
      new Jump(Table.FILTER, "INPUT", KUBE_IPVS_FILTER, "kubernetes ipvs access filter"),
      new Jump(Table.FILTER, "OUTPUT", KUBE_IPVS_OUT_FILTER, "kubernetes ipvs access filter"));

  /** A rule matching an ip set and jumping somewhere, as upstream's ipsetWithIptablesChain. */
  private record SetJump(KubeIpsets set, boolean nat, String from, String to, String match, String protocol) {}

  private static final List<SetJump> SET_JUMPS = List.of(
      new SetJump(KubeIpsets.LOOP_BACK, true, KUBE_POSTROUTING, "MASQUERADE", "dst,dst,src", null),
      new SetJump(KubeIpsets.LOAD_BALANCER, true, KUBE_SERVICES, KUBE_LOAD_BALANCER, "dst,dst", null),
      new SetJump(KubeIpsets.LOAD_BALANCER_LOCAL, true, KUBE_LOAD_BALANCER, "RETURN", "dst,dst", null),
      new SetJump(KubeIpsets.NODE_PORT_LOCAL_TCP, true, KUBE_NODE_PORT, "RETURN", "dst", "tcp"),
      new SetJump(KubeIpsets.NODE_PORT_TCP, true, KUBE_NODE_PORT, KUBE_MARK_MASQ, "dst", "tcp"),
      new SetJump(KubeIpsets.NODE_PORT_LOCAL_UDP, true, KUBE_NODE_PORT, "RETURN", "dst", "udp"),
      new SetJump(KubeIpsets.NODE_PORT_UDP, true, KUBE_NODE_PORT, KUBE_MARK_MASQ, "dst", "udp"),
      new SetJump(KubeIpsets.NODE_PORT_LOCAL_SCTP, true, KUBE_NODE_PORT, "RETURN", "dst,dst", "sctp"),
      new SetJump(KubeIpsets.NODE_PORT_SCTP, true, KUBE_NODE_PORT, KUBE_MARK_MASQ, "dst,dst", "sctp"),
      new SetJump(KubeIpsets.LOAD_BALANCER_FW, false, KUBE_PROXY_FIREWALL, KUBE_SOURCE_RANGES_FIREWALL, "dst,dst", null),
      new SetJump(KubeIpsets.LOAD_BALANCER_SOURCE_CIDR, false, KUBE_SOURCE_RANGES_FIREWALL, "RETURN", "dst,dst,src", null),
      new SetJump(KubeIpsets.LOAD_BALANCER_SOURCE_IP, false, KUBE_SOURCE_RANGES_FIREWALL, "RETURN", "dst,dst,src", null));

  private IpvsIptables() {}

  /**
   * @param nonEmpty which sets have entries
   * @param lbNoNodeAccess {@code "ip proto port"} of LoadBalancer ingresses whose source ranges exclude the node
   */
  public static String render(IpvsConfig cfg, Predicate<KubeIpsets> nonEmpty, List<String> lbNoNodeAccess) {
    List<String> nat = new ArrayList<>();
    List<String> filter = new ArrayList<>();
    nat.add("-A KUBE-SERVICES -s 127.0.0.0/8 -j RETURN");
    for (SetJump j : SET_JUMPS) {
      if (!nonEmpty.test(j.set())) continue;
      String rule = "-A " + j.from() + (j.protocol() == null ? "" : " -p " + j.protocol()) + " -m comment --comment "
          + quote(j.set().comment()) + " -m set --match-set " + j.set().setName() + " " + j.match() + " -j " + j.to();
      (j.nat() ? nat : filter).add(rule);
    }
    if (nonEmpty.test(CLUSTER_IP)) {
      String head = "-A KUBE-SERVICES -m comment --comment " + quote(CLUSTER_IP.comment()) + " -m set --match-set " + CLUSTER_IP.setName();
      if (cfg.masqueradeAll()) nat.add(head + " dst,dst -j KUBE-MARK-MASQ");
      else if (cfg.clusterCIDR() != null) nat.add(head + " dst,dst ! -s " + cfg.clusterCIDR() + " -j KUBE-MARK-MASQ");
      else nat.add(head + " src,dst -j KUBE-MARK-MASQ");
    }
    if (nonEmpty.test(EXTERNAL_IP)) {
      String head = "-A KUBE-SERVICES -m comment --comment " + quote(EXTERNAL_IP.comment()) + " -m set --match-set "
          + EXTERNAL_IP.setName() + " dst,dst";
      nat.add(head + " -j KUBE-MARK-MASQ");
      externalAccept(nat, head);
    }
    if (nonEmpty.test(EXTERNAL_IP_LOCAL)) {
      externalAccept(nat, "-A KUBE-SERVICES -m comment --comment " + quote(EXTERNAL_IP_LOCAL.comment()) + " -m set --match-set "
          + EXTERNAL_IP_LOCAL.setName() + " dst,dst");
    }
    nat.add("-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT");
    nat.add("-A KUBE-LOAD-BALANCER -j KUBE-MARK-MASQ");
    filter.add("-A KUBE-SOURCE-RANGES-FIREWALL -j DROP");
    for (String e : lbNoNodeAccess) {
      String[] t = e.split(" ");
      filter.add("-A KUBE-IPVS-OUT-FILTER -s " + t[0] + " -m ipvs --vaddr " + t[0] + " --vproto " + t[1] + " --vport " + t[2] + " -j DROP");
    }
    for (KubeIpsets s : List.of(CLUSTER_IP, LOAD_BALANCER)) {
      if (nonEmpty.test(s)) nat.add("-A KUBE-SERVICES -m set --match-set " + s.setName() + " dst,dst -j ACCEPT");
    }
    filter.add("-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding rules\" -m mark --mark " + cfg.markMask() + " -j ACCEPT");
    filter.add("-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding conntrack rule\" -m conntrack --ctstate RELATED,ESTABLISHED"
        + " -j ACCEPT");
    filter.add("-A KUBE-NODE-PORT -m comment --comment " + quote(HEALTH_CHECK_NODE_PORT.comment()) + " -m set --match-set "
        + HEALTH_CHECK_NODE_PORT.setName() + " dst -j ACCEPT");
    for (KubeIpsets s : List.of(LOAD_BALANCER, CLUSTER_IP, EXTERNAL_IP, EXTERNAL_IP_LOCAL)) {
      filter.add("-A KUBE-IPVS-FILTER -m set --match-set " + s.setName() + " dst,dst -j RETURN");
    }
    filter.add("-A KUBE-IPVS-FILTER -m set --match-set " + HEALTH_CHECK_NODE_PORT.setName() + " dst -j RETURN");
    filter.add("-A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set " + IPVS_IPS.setName() + " dst -j REJECT");
    nat.add("-A KUBE-POSTROUTING -m mark ! --mark " + cfg.markMask() + " -j RETURN");
    nat.add("-A KUBE-POSTROUTING -j MARK --xor-mark " + cfg.mark());
    nat.add("-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE --random-fully");
    nat.add("-A KUBE-MARK-MASQ -j MARK --or-mark " + cfg.mark());

    StringBuilder b = new StringBuilder("*nat\n");
    NAT_CHAINS.forEach(c -> b.append(':').append(c).append(" - [0:0]\n"));
    nat.forEach(r -> b.append(r).append('\n'));
    b.append("COMMIT\n*filter\n");
    FILTER_CHAINS.forEach(c -> b.append(':').append(c).append(" - [0:0]\n"));
    filter.forEach(r -> b.append(r).append('\n'));
    return b.append("COMMIT\n").toString();
  }

  /** Off-machine traffic to an externalIP (not from a bridge, not local), and traffic to one that is local, is let through. */
  private static void externalAccept(List<String> nat, String head) {
    nat.add(head + " -m physdev ! --physdev-is-in -m addrtype ! --src-type LOCAL -j ACCEPT");
    nat.add(head + " -m addrtype --dst-type LOCAL -j ACCEPT");
  }

  static String quote(String comment) {
    return comment.indexOf(' ') >= 0 ? "\"" + comment + "\"" : comment;
  }
}
