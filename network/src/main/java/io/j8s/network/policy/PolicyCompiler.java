package io.j8s.network.policy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.j8s.api.net.Ipv4;
import io.j8s.api.selector.LabelSelector;
import io.j8s.api.selector.SelectorException;
import io.j8s.network.policy.Allowed.PortSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

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
  /** Each pod's address as a number (-1 when not IPv4), by its index in {@link #pods}. */
  private final long[] addresses;
  /** The pods of each namespace, and each namespace's labels (with its name label), computed once per compile. */
  private final Map<String, List<PolicyPod>> byNamespace;
  private final Map<String, Map<String, String>> namespaces = new HashMap<>();

  private PolicyCompiler(List<PolicyPod> pods, Map<String, Map<String, String>> namespaceLabels) {
    this.pods = pods.stream().sorted(Comparator.comparing(PolicyPod::namespace).thenComparing(PolicyPod::name)).toList();
    this.addresses = this.pods.stream().mapToLong(p -> Ipv4.parse(p.ip()).orElse(-1)).toArray();
    this.byNamespace = this.pods.stream().collect(Collectors.groupingBy(PolicyPod::namespace, TreeMap::new, Collectors.toList()));
    for (String ns : byNamespace.keySet()) {
      Map<String, String> l = new HashMap<>(namespaceLabels.getOrDefault(ns, Map.of()));
      l.putIfAbsent(NAME_LABEL, ns);
      namespaces.put(ns, l);
    }
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

  /**
   * Each rule's peers are evaluated once, not per pod its policy selects: an egress rule allows the
   * same whatever pod it is on, an ingress rule differs only by the named ports it resolves on the pod.
   */
  private SortedMap<String, PodPolicy> run(List<NetworkPolicy> policies, Predicate<PolicyPod> judged) {
    Map<PolicyPod, Allowed> in = new IdentityHashMap<>();
    Map<PolicyPod, Allowed> out = new IdentityHashMap<>();
    // policies often repeat a rule (DNS, a monitoring namespace): each distinct one evaluated once, by content
    Map<List<Object>, IpRanges> peersMemo = new HashMap<>();
    Map<List<Object>, Allowed> egressMemo = new HashMap<>();
    List<NetworkPolicy> sorted = policies.stream().sorted(Comparator.comparing((NetworkPolicy p) -> p.getMetadata().getNamespace())
        .thenComparing(p -> p.getMetadata().getName())).toList();
    for (NetworkPolicy np : sorted) {
      String ns = np.getMetadata().getNamespace();
      var spec = np.getSpec();
      if (spec == null) continue;
      LabelSelector sel = selector(spec.getPodSelector(), true);
      List<PolicyPod> targets = byNamespace.getOrDefault(ns, List.of()).stream().filter(p -> judged.test(p) && sel.matches(p.labels())).toList();
      if (targets.isEmpty()) continue;
      List<String> types = spec.getPolicyTypes();
      boolean hasEgress = spec.getEgress() != null && !spec.getEgress().isEmpty();
      boolean ingress = types == null || types.isEmpty() || types.contains("Ingress");
      boolean egress = (types == null || types.isEmpty()) ? hasEgress : types.contains("Egress");
      // pods that come to a policy allowed the same (the same instance) and resolve its ports alike leave it alike: computed once
      if (ingress) {
        List<IpRanges> peers = new ArrayList<>();
        List<List<NetworkPolicyPort>> ports = new ArrayList<>();
        for (NetworkPolicyIngressRule r : nullToEmpty(spec.getIngress())) {
          peers.add(peersMemo.computeIfAbsent(List.of(ns, nullToEmpty(r.getFrom())), k -> peers(ns, r.getFrom())));
          ports.add(nullToEmpty(r.getPorts()));
        }
        Map<Allowed, Map<List<Optional<PortSet>>, Allowed>> memo = new IdentityHashMap<>();
        for (PolicyPod t : targets) {
          List<Optional<PortSet>> resolved = ports.stream().map(p -> ingressPorts(p, t)).toList();
          Allowed prior = in.getOrDefault(t, Allowed.NOTHING);
          in.put(t, memo.computeIfAbsent(prior, k -> new HashMap<>()).computeIfAbsent(resolved, k -> plusEach(prior, k, peers)));
        }
      }
      if (egress) {
        Allowed a = Allowed.NOTHING;
        for (var r : nullToEmpty(spec.getEgress())) {
          a = a.plus(egressMemo.computeIfAbsent(List.of(ns, nullToEmpty(r.getTo()), nullToEmpty(r.getPorts())),
              k -> egressRule(ns, r.getTo(), r.getPorts())));
        }
        Allowed allowed = a;
        Map<Allowed, Allowed> memo = new IdentityHashMap<>();
        for (PolicyPod t : targets) {
          Allowed prior = out.get(t);
          out.put(t, prior == null ? allowed : memo.computeIfAbsent(prior, k -> k.plus(allowed)));
        }
      }
    }
    SortedMap<String, PodPolicy> result = new TreeMap<>();
    for (PolicyPod p : pods) {
      if (!judged.test(p)) continue;
      result.put(p.key(), new PodPolicy(p.namespace(), p.name(), p.ip(), Optional.ofNullable(in.get(p)),
          Optional.ofNullable(out.get(p))));
    }
    return result;
  }

  private static <T> List<T> nullToEmpty(List<T> l) { return l == null ? List.of() : l; }

  private static Allowed plusEach(Allowed a, List<Optional<PortSet>> ports, List<IpRanges> peers) {
    for (int i = 0; i < ports.size(); i++) if (ports.get(i).isPresent()) a = a.plus(ports.get(i).get(), peers.get(i));
    return a;
  }

  /** An ingress rule's ports on {@code target}: none listed is any; empty when every one is a name {@code target} lacks (allows nothing). */
  private static Optional<PortSet> ingressPorts(List<NetworkPolicyPort> ports, PolicyPod target) {
    if (ports.isEmpty()) return Optional.of(PortSet.ANY);
    List<PortRange> resolved = new ArrayList<>();
    for (NetworkPolicyPort p : ports) resolve(p, target).ifPresent(resolved::add);
    return resolved.isEmpty() ? Optional.empty() : Optional.of(new PortSet(resolved));
  }

  /** What one egress rule allows, whatever pod it is on. */
  private Allowed egressRule(String ns, List<NetworkPolicyPeer> to, List<NetworkPolicyPort> ports) {
    IpRanges peers = peers(ns, to);
    Allowed a = Allowed.NOTHING;
    if (ports == null || ports.isEmpty()) return a.plus(PortSet.ANY, peers);
    List<PortRange> numbered = new ArrayList<>();
    List<NetworkPolicyPort> named = new ArrayList<>();
    for (NetworkPolicyPort p : ports) {
      if (isName(p.getPort())) named.add(p);
      else resolve(p, null).ifPresent(numbered::add);
    }
    if (!numbered.isEmpty()) a = a.plus(new PortSet(numbered), peers);
    if (named.isEmpty()) return a;
    // a named port resolves on each destination pod: group the peer pods by what it means on them
    Map<PortRange, List<String>> byNumber = new TreeMap<>();
    for (int i = 0; i < pods.size(); i++) {
      if (addresses[i] < 0 || !peers.contains(addresses[i])) continue;
      PolicyPod p = pods.get(i);
      for (NetworkPolicyPort np : named) resolve(np, p).ifPresent(r -> byNumber.computeIfAbsent(r, k -> new ArrayList<>()).add(p.ip()));
    }
    for (var e : byNumber.entrySet()) a = a.plus(PortSet.of(e.getKey()), IpRanges.addresses(e.getValue()));
    return a;
  }

  /** Whether a rule's port is a name (to resolve on a pod), not a number or a number written as a string. */
  private static boolean isName(IntOrString port) {
    if (port == null || port.getIntVal() != null || port.getStrVal() == null) return false;
    String s = port.getStrVal();
    boolean digits = !s.isEmpty() && s.length() <= 5 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    return !(digits && Integer.parseInt(s) <= 65535);
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
    if (!isName(port)) return Optional.of(PortRange.of(proto, Integer.parseInt(s)));
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
    LabelSelector selected = peer.getPodSelector() == null ? LabelSelector.everything() : selector(peer.getPodSelector(), false);
    LabelSelector nss = peer.getNamespaceSelector() == null ? null : selector(peer.getNamespaceSelector(), false);
    List<String> ips = new ArrayList<>();
    for (var e : byNamespace.entrySet()) {
      boolean inNs = nss == null ? e.getKey().equals(ns) : nss.matches(namespaces.get(e.getKey()));
      if (!inNs) continue;
      for (PolicyPod p : e.getValue()) if (selected.matches(p.labels())) ips.add(p.ip());
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

  private static LabelSelector selector(io.fabric8.kubernetes.api.model.LabelSelector s, boolean nullIsEverything) {
    if (s == null) return nullIsEverything ? LabelSelector.everything() : new LabelSelector.Nothing();
    try {
      return LabelSelector.from(s);
    } catch (SelectorException e) {
      return new LabelSelector.Nothing();
    }
  }
}
