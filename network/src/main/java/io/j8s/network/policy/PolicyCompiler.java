package io.j8s.network.policy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.j8s.api.selector.LabelSelector;
import io.j8s.api.selector.SelectorException;
import io.j8s.network.policy.Allowed.PortSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Pure: NetworkPolicies, pods and namespace labels to the {@link PodPolicy} of every pod on one
 * node, with the semantics of networking.k8s.io/v1. A pod is isolated for a direction when a
 * policy of that type selects it ({@code policyTypes} defaults to Ingress, plus Egress when the
 * policy has egress rules); it then allows the union of those policies' rules. A rule with no
 * peers allows any peer, with no ports any traffic. A peer with a podSelector alone means pods of
 * the policy's namespace; with a namespaceSelector alone every pod of the matching namespaces;
 * with both, the matching pods of the matching namespaces; an ipBlock its CIDR less its excepts.
 * Ports default to TCP; no number means every port; {@code endPort} makes a range; a named port
 * resolves on the pod receiving the traffic (the target for ingress, each peer pod for egress, so
 * the same name may be different numbers on different peers), and matches nothing where it does
 * not exist. Selectors that do not parse select nothing.
 */
public final class PolicyCompiler {
  /** The label every namespace carries with its own name (set here too when a server does not). */
  static final String NAME_LABEL = "kubernetes.io/metadata.name";

  private final List<PolicyPod> pods;
  private final Map<String, Map<String, String>> namespaces;

  private PolicyCompiler(List<PolicyPod> pods, Map<String, Map<String, String>> namespaceLabels) {
    this.pods = pods.stream().sorted(Comparator.comparing(PolicyPod::namespace).thenComparing(PolicyPod::name)).toList();
    this.namespaces = namespaceLabels;
  }

  /** The policy of each pod on {@code node}, by {@code namespace/name}. */
  public static SortedMap<String, PodPolicy> compile(List<NetworkPolicy> policies, List<PolicyPod> pods,
      Map<String, Map<String, String>> namespaceLabels, String node) {
    return new PolicyCompiler(pods, namespaceLabels).run(policies, p -> node.equals(p.node()));
  }

  /** The policy of every pod of the cluster, by {@code namespace/name} (what a relay judging both ends of a connection needs). */
  public static SortedMap<String, PodPolicy> compileAll(List<NetworkPolicy> policies, List<PolicyPod> pods,
      Map<String, Map<String, String>> namespaceLabels) {
    return new PolicyCompiler(pods, namespaceLabels).run(policies, p -> true);
  }

  /** The policies of {@code node}'s pods out of a {@link #compileAll} (the same as {@link #compile} for that node). */
  public static SortedMap<String, PodPolicy> onNode(SortedMap<String, PodPolicy> all, List<PolicyPod> pods, String node) {
    SortedMap<String, PodPolicy> out = new TreeMap<>();
    for (PolicyPod p : pods) {
      PodPolicy pp = all.get(p.key());
      if (pp != null && node.equals(p.node())) out.put(p.key(), pp);
    }
    return out;
  }

  private SortedMap<String, PodPolicy> run(List<NetworkPolicy> policies, Predicate<PolicyPod> judged) {
    Map<String, Optional<Allowed>> in = new HashMap<>();
    Map<String, Optional<Allowed>> out = new HashMap<>();
    List<PolicyPod> subjects = pods.stream().filter(judged).toList();
    List<NetworkPolicy> sorted = policies.stream().sorted(Comparator.comparing((NetworkPolicy p) -> p.getMetadata().getNamespace())
        .thenComparing(p -> p.getMetadata().getName())).toList();
    for (NetworkPolicy np : sorted) {
      String ns = np.getMetadata().getNamespace();
      var spec = np.getSpec();
      if (spec == null) continue;
      LabelSelector sel = selector(spec.getPodSelector(), true);
      List<PolicyPod> targets = subjects.stream().filter(p -> p.namespace().equals(ns) && sel.matches(p.labels())).toList();
      if (targets.isEmpty()) continue;
      List<String> types = spec.getPolicyTypes();
      boolean hasEgress = spec.getEgress() != null && !spec.getEgress().isEmpty();
      boolean ingress = types == null || types.isEmpty() || types.contains("Ingress");
      boolean egress = (types == null || types.isEmpty()) ? hasEgress : types.contains("Egress");
      for (PolicyPod t : targets) {
        if (ingress) {
          Allowed a = in.computeIfAbsent(t.key(), k -> Optional.of(Allowed.NOTHING)).orElseThrow();
          if (spec.getIngress() != null) for (var r : spec.getIngress()) a = ingressRule(a, ns, t, r.getFrom(), r.getPorts());
          in.put(t.key(), Optional.of(a));
        }
        if (egress) {
          Allowed a = out.computeIfAbsent(t.key(), k -> Optional.of(Allowed.NOTHING)).orElseThrow();
          if (spec.getEgress() != null) for (var r : spec.getEgress()) a = egressRule(a, ns, r.getTo(), r.getPorts());
          out.put(t.key(), Optional.of(a));
        }
      }
    }
    SortedMap<String, PodPolicy> result = new TreeMap<>();
    for (PolicyPod p : subjects) {
      result.put(p.key(), new PodPolicy(p.namespace(), p.name(), p.ip(), in.getOrDefault(p.key(), Optional.empty()),
          out.getOrDefault(p.key(), Optional.empty())));
    }
    return result;
  }

  private Allowed ingressRule(Allowed a, String ns, PolicyPod target, List<NetworkPolicyPeer> from, List<NetworkPolicyPort> ports) {
    IpRanges peers = peers(ns, from);
    if (ports == null || ports.isEmpty()) return a.plus(PortSet.ANY, peers);
    List<PortRange> resolved = new ArrayList<>();
    for (NetworkPolicyPort p : ports) resolve(p, target).ifPresent(resolved::add);
    // ports named but none on this pod: the rule allows nothing here (not everything)
    return resolved.isEmpty() ? a : a.plus(new PortSet(resolved), peers);
  }

  private Allowed egressRule(Allowed a, String ns, List<NetworkPolicyPeer> to, List<NetworkPolicyPort> ports) {
    IpRanges peers = peers(ns, to);
    if (ports == null || ports.isEmpty()) return a.plus(PortSet.ANY, peers);
    List<PortRange> numbered = new ArrayList<>();
    List<NetworkPolicyPort> named = new ArrayList<>();
    for (NetworkPolicyPort p : ports) {
      if (p.getPort() != null && p.getPort().getStrVal() != null && p.getPort().getIntVal() == null) named.add(p);
      else resolve(p, null).ifPresent(numbered::add);
    }
    if (!numbered.isEmpty()) a = a.plus(new PortSet(numbered), peers);
    if (named.isEmpty()) return a;
    // a named port resolves on each destination pod: group the peer pods by what it means on them
    Map<PortRange, List<String>> byNumber = new TreeMap<>();
    for (PolicyPod p : pods) {
      if (!peers.contains(p.ip())) continue;
      for (NetworkPolicyPort np : named) resolve(np, p).ifPresent(r -> byNumber.computeIfAbsent(r, k -> new ArrayList<>()).add(p.ip()));
    }
    for (var e : byNumber.entrySet()) a = a.plus(PortSet.of(e.getKey()), IpRanges.addresses(e.getValue()));
    return a;
  }

  /** The port of a rule, numbers as given, a name as on {@code pod} (empty when it has none, or when {@code pod} is null). */
  static Optional<PortRange> resolve(NetworkPolicyPort p, PolicyPod pod) {
    String proto = p.getProtocol() == null ? "TCP" : p.getProtocol();
    IntOrString port = p.getPort();
    if (port == null || (port.getIntVal() == null && port.getStrVal() == null)) return Optional.of(PortRange.all(proto));
    if (port.getIntVal() != null) {
      int first = port.getIntVal();
      int last = p.getEndPort() != null && p.getEndPort() >= first ? p.getEndPort() : first;
      return Optional.of(new PortRange(proto, first, Math.min(last, 65535)));
    }
    String s = port.getStrVal();
    if (s.chars().allMatch(Character::isDigit) && !s.isEmpty()) return Optional.of(PortRange.of(proto, Integer.parseInt(s)));
    if (pod == null) return Optional.empty();
    return pod.port(s, proto).map(n -> PortRange.of(proto, n));
  }

  /** The addresses a rule's peer list allows; no list (or an empty one) is any address. */
  IpRanges peers(String ns, List<NetworkPolicyPeer> list) {
    if (list == null || list.isEmpty()) return IpRanges.ALL;
    IpRanges out = IpRanges.NONE;
    for (NetworkPolicyPeer peer : list) out = out.union(peer(ns, peer));
    return out;
  }

  private IpRanges peer(String ns, NetworkPolicyPeer peer) {
    if (peer.getIpBlock() != null) return ipBlock(peer.getIpBlock());
    if (peer.getPodSelector() == null && peer.getNamespaceSelector() == null) return IpRanges.NONE;
    LabelSelector pods = peer.getPodSelector() == null ? LabelSelector.everything() : selector(peer.getPodSelector(), false);
    LabelSelector nss = peer.getNamespaceSelector() == null ? null : selector(peer.getNamespaceSelector(), false);
    List<String> ips = new ArrayList<>();
    for (PolicyPod p : this.pods) {
      boolean inNs = nss == null ? p.namespace().equals(ns) : nss.matches(namespaceLabels(p.namespace()));
      if (inNs && pods.matches(p.labels())) ips.add(p.ip());
    }
    return IpRanges.addresses(ips);
  }

  static IpRanges ipBlock(IPBlock b) {
    try {
      IpRanges r = IpRanges.cidr(b.getCidr());
      if (b.getExcept() != null) for (String e : b.getExcept()) r = r.minus(IpRanges.cidr(e));
      return r;
    } catch (RuntimeException e) {
      return IpRanges.NONE; // an IPv6 or malformed block: nothing of it is IPv4 here
    }
  }

  private Map<String, String> namespaceLabels(String ns) {
    Map<String, String> l = new HashMap<>(namespaces.getOrDefault(ns, Map.of()));
    l.putIfAbsent(NAME_LABEL, ns);
    return l;
  }

  private static LabelSelector selector(io.fabric8.kubernetes.api.model.LabelSelector s, boolean nullIsEverything) {
    if (s == null) return nullIsEverything ? LabelSelector.everything() : new LabelSelector.Nothing();
    try {
      return LabelSelector.from(s);
    } catch (SelectorException e) {
      return new LabelSelector.Nothing();
    }
  }
}
