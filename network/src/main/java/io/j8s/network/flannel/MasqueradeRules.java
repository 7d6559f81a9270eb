package io.j8s.network.flannel;

import io.j8s.api.net.Ipv4;
import io.j8s.hostnet.HostnetException;
import io.j8s.hostnet.iptables.Iptables;
import io.j8s.hostnet.iptables.Iptables.Position;
import io.j8s.hostnet.iptables.Iptables.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's masquerade rules as a value, with the semantics of flannel's: in nat POSTROUTING a
 * jump to {@value #CHAIN}, which returns (no SNAT) for packets kube-proxy marked for its own
 * masquerading and for pod traffic inside the cluster CIDR, and masquerades pod traffic leaving
 * the cluster CIDR (multicast excepted) and host traffic to remote pods. The bridge plugin's own
 * {@code ipMasq} stays off: it could only exempt the node's own subnet.
 */
public record MasqueradeRules(String clusterCidr, String podCidr) {
  public static final String CHAIN = "J8S-FLANNEL-POSTRTG";
  /** kube-proxy's masquerade mark (its KUBE-POSTROUTING SNATs those packets itself). */
  public static final String KUBE_PROXY_MARK = "0x4000/0x4000";
  static final String COMMENT = "j8s pod network masquerade";

  public MasqueradeRules {
    clusterCidr = Ipv4.Cidr.parse(clusterCidr).toString();
    podCidr = Ipv4.Cidr.parse(podCidr).toString();
  }

  /** The POSTROUTING rule that sends every packet through the chain. */
  public List<String> jump() { return List.of("-m", "comment", "--comment", COMMENT, "-j", CHAIN); }

  /** The chain's rules, in order, as iptables arguments after {@code -A CHAIN}. */
  public List<List<String>> rules() {
    String c = clusterCidr;
    String s = podCidr;
    List<List<String>> r = new ArrayList<>();
    r.add(rule(List.of("-m", "mark", "--mark", KUBE_PROXY_MARK), "RETURN"));
    r.add(rule(List.of("-s", s, "-d", c), "RETURN"));
    r.add(rule(List.of("-s", c, "-d", s), "RETURN"));
    r.add(rule(List.of("!", "-s", c, "-d", s), "RETURN"));
    r.add(rule(List.of("-s", c, "!", "-d", "224.0.0.0/4"), "MASQUERADE", "--random-fully"));
    r.add(rule(List.of("!", "-s", c, "-d", c), "MASQUERADE", "--random-fully"));
    return r;
  }

  private static List<String> rule(List<String> match, String... target) {
    List<String> r = new ArrayList<>(match);
    r.addAll(List.of("-m", "comment", "--comment", COMMENT, "-j"));
    r.addAll(List.of(target));
    return r;
  }

  /** The chain as an {@code iptables-restore --noflush} payload: declaring the chain flushes it, then the rules follow. */
  public String restorePayload() {
    StringBuilder b = new StringBuilder("*nat\n:").append(CHAIN).append(" - [0:0]\n");
    for (List<String> r : rules()) {
      b.append("-A ").append(CHAIN);
      for (String a : r) b.append(' ').append(a.contains(" ") ? "\"" + a + "\"" : a);
      b.append('\n');
    }
    return b.append("COMMIT\n").toString();
  }

  /** Writes the chain atomically and hooks it into POSTROUTING (once). */
  public void install(Iptables iptables) throws HostnetException {
    iptables.ensureChain(Table.NAT, CHAIN);
    iptables.restore(restorePayload(), true);
    iptables.ensureRule(Position.APPEND, Table.NAT, "POSTROUTING", jump());
  }
}
