package io.j8s.controllers.servicelb;

import io.j8s.api.net.Ipv4;
import io.j8s.api.status.Readiness;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Pure: what a Service's load-balancer status should be, and which pool address it holds. */
public final class LoadBalancerPlanner {
  /** k3s: once any node has this label, only nodes with it set to "true" carry load balancers. */
  public static final String ENABLE_LB = "svccontroller.k3s.cattle.io/enablelb";
  /** Upstream: nodes with this label never carry external load balancers. */
  public static final String EXCLUDE_LB = "node.kubernetes.io/exclude-from-external-load-balancers";

  private LoadBalancerPlanner() {}

  /** What to do with one Service. */
  public sealed interface Decision {
    /** Not this controller's (absent, or another loadBalancerClass): touch nothing, hold no address. */
    record Ignore() implements Decision {}

    /** Not a LoadBalancer (any more): status must have no ingress; hold no address. */
    record Clear() implements Decision {}

    /** Publish these ingress addresses; {@code allocated} is the pool address held (null without a pool). */
    record Publish(List<String> ips, String allocated, Optional<String> warning) implements Decision {}

    /** No address can be given now (pool exhausted); hold none. */
    record Pending(String reason) implements Decision {}
  }

  public static boolean isLoadBalancer(Service s) {
    return s.getSpec() != null && "LoadBalancer".equals(s.getSpec().getType());
  }

  /** A LoadBalancer Service with no loadBalancerClass: the ones this controller serves. */
  public static boolean managed(Service s) {
    return isLoadBalancer(s) && s.getSpec().getLoadBalancerClass() == null;
  }

  /**
   * @param pool the address pool, or null to publish node addresses
   * @param held the pool address this service holds now (null if none)
   * @param takenByOthers pool addresses other services hold
   */
  public static Decision decide(Service svc, List<Node> nodes, AddressPool pool, String held, Set<String> takenByOthers) {
    if (svc == null || (isLoadBalancer(svc) && !managed(svc))) return new Decision.Ignore();
    if (!isLoadBalancer(svc)) return new Decision.Clear();
    if (pool == null) return new Decision.Publish(nodeAddresses(nodes), null, Optional.empty());
    String requested = svc.getSpec().getLoadBalancerIP();
    Optional<String> warning = Optional.empty();
    if (requested != null && !requested.isEmpty()) {
      if (!pool.contains(requested)) warning = Optional.of("loadBalancerIP " + requested + " is not in the pool " + pool.cidr());
      else if (takenByOthers.contains(requested)) warning = Optional.of("loadBalancerIP " + requested + " is held by another service");
      else return new Decision.Publish(List.of(requested), requested, warning);
    }
    Optional<String> ip = allocate(pool, held, ingressIps(svc), takenByOthers);
    if (ip.isEmpty()) return new Decision.Pending("no free address in the pool " + pool.cidr() + " (" + pool.size() + " addresses)");
    return new Decision.Publish(List.of(ip.get()), ip.get(), warning);
  }

  /** The address held, else one the status already shows (adopted after a restart), else the lowest free one. */
  static Optional<String> allocate(AddressPool pool, String held, List<String> observed, Set<String> taken) {
    if (held != null && pool.contains(held) && !taken.contains(held)) return Optional.of(held);
    for (String ip : observed) if (pool.contains(ip) && !taken.contains(ip)) return Optional.of(ip);
    for (long i = 0; i < pool.size(); i++) {
      String ip = pool.at(i);
      if (!taken.contains(ip)) return Optional.of(ip);
    }
    return Optional.empty();
  }

  /** ExternalIP (else InternalIP) IPv4 addresses of the Ready, schedulable nodes allowed to carry load balancers, sorted. */
  public static List<String> nodeAddresses(List<Node> nodes) {
    boolean restricted = nodes.stream().anyMatch(n -> label(n, ENABLE_LB) != null);
    List<String> ips = new ArrayList<>();
    for (Node n : nodes) {
      if (restricted && !"true".equals(label(n, ENABLE_LB))) continue;
      if (label(n, EXCLUDE_LB) != null || !Readiness.nodeReady(n) || n.getMetadata().getDeletionTimestamp() != null) continue;
      if (n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable())) continue;
      List<String> external = addresses(n, "ExternalIP");
      ips.addAll(external.isEmpty() ? addresses(n, "InternalIP") : external);
    }
    return sorted(ips);
  }

  private static String label(Node n, String key) {
    Map<String, String> l = n.getMetadata().getLabels();
    return l == null ? null : l.get(key);
  }

  private static List<String> addresses(Node n, String type) {
    if (n.getStatus() == null || n.getStatus().getAddresses() == null) return List.of();
    return n.getStatus().getAddresses().stream().filter(a -> type.equals(a.getType())).map(NodeAddress::getAddress)
        .filter(a -> Ipv4.parse(a).isPresent()).toList();
  }

  /** The ingress IPs a Service's status shows. */
  public static List<String> ingressIps(Service s) {
    if (s.getStatus() == null || s.getStatus().getLoadBalancer() == null || s.getStatus().getLoadBalancer().getIngress() == null) return List.of();
    return s.getStatus().getLoadBalancer().getIngress().stream().map(LoadBalancerIngress::getIp).filter(ip -> ip != null).toList();
  }

  /** Distinct IPv4 addresses in numeric order. */
  static List<String> sorted(Collection<String> ips) {
    return ips.stream().distinct().sorted(Comparator.comparingLong(ip -> Ipv4.parse(ip).orElse(-1L))).toList();
  }
}
