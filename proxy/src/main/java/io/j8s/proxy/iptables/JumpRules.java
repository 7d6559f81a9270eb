package io.j8s.proxy.iptables;

import static io.j8s.proxy.iptables.IptablesRenderer.KUBE_EXTERNAL_SERVICES;
import static io.j8s.proxy.iptables.IptablesRenderer.KUBE_FIREWALL;
import static io.j8s.proxy.iptables.IptablesRenderer.KUBE_FORWARD;
import static io.j8s.proxy.iptables.IptablesRenderer.KUBE_NODEPORTS;
import static io.j8s.proxy.iptables.IptablesRenderer.KUBE_POSTROUTING;
import static io.j8s.proxy.iptables.IptablesRenderer.KUBE_PROXY_FIREWALL;
import static io.j8s.proxy.iptables.IptablesRenderer.KUBE_SERVICES;

import io.j8s.hostnet.iptables.Iptables.Table;
import java.util.ArrayList;
import java.util.List;

/** The rules that hook the proxy's top-level chains into the built-in ones (prepended, as upstream), as data. */
public final class JumpRules {
  /** One jump: {@code -A from <extra> [-m comment --comment C] -j to}. */
  public record Jump(Table table, String from, String to, List<String> extra, String comment) {
    public List<String> args() {
      List<String> a = new ArrayList<>(extra);
      if (comment != null) a.addAll(List.of("-m", "comment", "--comment", comment));
      a.addAll(List.of("-j", to));
      return a;
    }
  }

  private static final List<String> NEW = List.of("-m", "conntrack", "--ctstate", "NEW");

  private JumpRules() {}

  public static List<Jump> of(IptablesConfig cfg) {
    List<Jump> j = new ArrayList<>(List.of(
        new Jump(Table.FILTER, "INPUT", KUBE_EXTERNAL_SERVICES, NEW, "kubernetes externally-visible service portals"),
        new Jump(Table.FILTER, "FORWARD", KUBE_EXTERNAL_SERVICES, NEW, "kubernetes externally-visible service portals"),
        new Jump(Table.FILTER, "INPUT", KUBE_NODEPORTS, List.of(), "kubernetes health check service ports"),
        new Jump(Table.FILTER, "FORWARD", KUBE_SERVICES, NEW, "kubernetes service portals"),
        new Jump(Table.FILTER, "OUTPUT", KUBE_SERVICES, NEW, "kubernetes service portals"),
        new Jump(Table.FILTER, "FORWARD", KUBE_FORWARD, List.of(), "kubernetes forwarding rules"),
        new Jump(Table.FILTER, "INPUT", KUBE_PROXY_FIREWALL, NEW, "kubernetes load balancer firewall"),
        new Jump(Table.FILTER, "OUTPUT", KUBE_PROXY_FIREWALL, NEW, "kubernetes load balancer firewall"),
        new Jump(Table.FILTER, "FORWARD", KUBE_PROXY_FIREWALL, NEW, "kubernetes load balancer firewall"),
        new Jump(Table.NAT, "OUTPUT", KUBE_SERVICES, List.of(), "kubernetes service portals"),
        new Jump(Table.NAT, "PREROUTING", KUBE_SERVICES, List.of(), "kubernetes service portals"),
        new Jump(Table.NAT, "POSTROUTING", KUBE_POSTROUTING, List.of(), "kubernetes postrouting rules")));
    if (cfg.localhostNodePorts()) {
      j.add(new Jump(Table.FILTER, "INPUT", KUBE_FIREWALL, List.of(), null));
      j.add(new Jump(Table.FILTER, "OUTPUT", KUBE_FIREWALL, List.of(), null));
    }
    return List.copyOf(j);
  }
}
