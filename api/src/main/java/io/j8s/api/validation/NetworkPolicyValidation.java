package io.j8s.api.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.j8s.api.net.Ipv4;
import io.j8s.api.selector.SelectorException;
import java.net.InetAddress;
import java.util.List;

/**
 * NetworkPolicies as upstream validates them: selectors that parse, each peer exactly one of
 * (pod and/or namespace selector) or an ipBlock, ipBlocks with a valid CIDR and excepts strictly
 * inside it, ports with a supported protocol, a number in 1-65535 or a port name, an endPort only
 * after a numeric port and not below it, and policyTypes among Ingress and Egress.
 */
final class NetworkPolicyValidation {
  static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  static final List<String> TYPES = List.of("Ingress", "Egress");
  static final String NOT_A_CIDR = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";

  private NetworkPolicyValidation() {}

  static void validate(NetworkPolicy np, Errors e) {
    NetworkPolicySpec s = np.getSpec();
    if (s == null) return;
    selector("spec.podSelector", s.getPodSelector(), e);
    List<NetworkPolicyIngressRule> in = s.getIngress() == null ? List.of() : s.getIngress();
    for (int i = 0; i < in.size(); i++) rule("spec.ingress[" + i + "]", "from", in.get(i).getFrom(), in.get(i).getPorts(), e);
    List<NetworkPolicyEgressRule> out = s.getEgress() == null ? List.of() : s.getEgress();
    for (int i = 0; i < out.size(); i++) rule("spec.egress[" + i + "]", "to", out.get(i).getTo(), out.get(i).getPorts(), e);
    List<String> types = s.getPolicyTypes() == null ? List.of() : s.getPolicyTypes();
    for (int i = 0; i < types.size(); i++) e.oneOf("spec.policyTypes[" + i + "]", types.get(i), TYPES);
    if (types.size() > TYPES.size()) e.add(FieldError.forbidden("spec.policyTypes", "may not have more than 2 policyTypes"));
  }

  private static void rule(String f, String peersField, List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports, Errors e) {
    if (ports != null) for (int i = 0; i < ports.size(); i++) port(f + ".ports[" + i + "]", ports.get(i), e);
    if (peers != null) for (int i = 0; i < peers.size(); i++) peer(f + "." + peersField + "[" + i + "]", peers.get(i), e);
  }

  private static void port(String f, NetworkPolicyPort p, Errors e) {
    if (p.getProtocol() != null) e.oneOf(f + ".protocol", p.getProtocol(), PROTOCOLS);
    IntOrString port = p.getPort();
    if (port != null && port.getIntVal() != null) e.port(f + ".port", port.getIntVal());
    else if (port != null && port.getStrVal() != null) e.syntax(f + ".port", port.getStrVal(), Names.portName(port.getStrVal()));
    Integer end = p.getEndPort();
    if (end == null) return;
    if (port == null || (port.getIntVal() == null && port.getStrVal() == null)) {
      e.required(f + ".port", "must be specified when endPort is specified");
    } else if (port.getIntVal() == null) {
      e.add(FieldError.forbidden(f + ".endPort", "may not be specified when `port` is non-numeric"));
    } else if (end < port.getIntVal()) {
      e.invalid(f + ".endPort", end, "must be greater than or equal to `port`");
    } else {
      e.port(f + ".endPort", end);
    }
  }

  private static void peer(String f, NetworkPolicyPeer p, Errors e) {
    int set = 0;
    if (p.getPodSelector() != null) {
      set++;
      selector(f + ".podSelector", p.getPodSelector(), e);
    }
    if (p.getNamespaceSelector() != null) {
      set++;
      selector(f + ".namespaceSelector", p.getNamespaceSelector(), e);
    }
    if (p.getIpBlock() != null) {
      set++;
      ipBlock(f + ".ipBlock", p.getIpBlock(), e);
    }
    if (set == 0) e.required(f, "must specify a peer");
    else if (p.getIpBlock() != null && set > 1) e.add(FieldError.forbidden(f, "may not specify both ipBlock and another peer"));
  }

  private static void ipBlock(String f, IPBlock b, Errors e) {
    String cidr = b.getCidr();
    if (cidr == null || cidr.isEmpty()) {
      e.required(f + ".cidr", "");
      return;
    }
    String problem = cidrProblem(cidr);
    if (problem != null) {
      e.invalid(f + ".cidr", cidr, problem);
      return;
    }
    List<String> except = b.getExcept() == null ? List.of() : b.getExcept();
    for (int i = 0; i < except.size(); i++) {
      String x = except.get(i);
      String xp = cidrProblem(x);
      if (xp != null) e.invalid(f + ".except[" + i + "]", x, xp);
      else if (!strictlyInside(x, cidr)) e.invalid(f + ".except[" + i + "]", x, "must be a strict subset of `cidr`");
    }
  }

  /** Null when {@code s} is an IPv4 or IPv6 CIDR, else what is wrong. */
  static String cidrProblem(String s) {
    int slash = s.indexOf('/');
    if (slash < 0) return NOT_A_CIDR;
    if (!s.contains(":")) {
      try {
        Ipv4.Cidr.parse(s);
        return null;
      } catch (IllegalArgumentException ex) {
        return NOT_A_CIDR;
      }
    }
    try {
      int prefix = Integer.parseInt(s.substring(slash + 1));
      // an IPv6 literal only (it has a ':'): no name lookup
      if (prefix < 0 || prefix > 128 || InetAddress.getByName(s.substring(0, slash)).getAddress().length != 16) throw new IllegalArgumentException();
      return null;
    } catch (Exception ex) {
      return NOT_A_CIDR;
    }
  }

  /** IPv4: {@code inner} inside {@code outer} and smaller; IPv6 is only checked for syntax. */
  private static boolean strictlyInside(String inner, String outer) {
    boolean v6 = inner.contains(":");
    if (v6 != outer.contains(":")) return false;
    if (v6) return true;
    Ipv4.Cidr in = Ipv4.Cidr.parse(inner);
    Ipv4.Cidr out = Ipv4.Cidr.parse(outer);
    return in.prefix() > out.prefix() && out.contains(in.network());
  }

  private static void selector(String f, LabelSelector s, Errors e) {
    if (s == null) return;
    int before = e.list.size();
    MetaValidation.labels(f + ".matchLabels", s.getMatchLabels(), e);
    if (e.list.size() > before) return; // the selector would refuse the same labels again
    try {
      io.j8s.api.selector.LabelSelector.from(s);
    } catch (SelectorException ex) {
      e.invalid(f, String.valueOf(s.getMatchExpressions()), ex.getMessage());
    }
  }
}
