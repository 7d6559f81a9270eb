package io.j8s.controllers.servicelb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.j8s.controllers.servicelb.LoadBalancerPlanner.Decision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoadBalancerPlannerTest {
  static final AddressPool POOL = AddressPool.parse("192.168.100.0/28");

  static Service lb(String name) {
    return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("ns").endMetadata()
        .withNewSpec().withType("LoadBalancer").addNewPort().withPort(80).endPort().endSpec().build();
  }

  static Service withStatus(Service s, String... ips) {
    return new ServiceBuilder(s).withNewStatus().withNewLoadBalancer().withIngress(
        java.util.Arrays.stream(ips).map(ip -> new LoadBalancerIngressBuilder().withIp(ip).build()).toList()).endLoadBalancer().endStatus().build();
  }

  static Node node(String name, boolean ready, String internal, String external, Map<String, String> labels) {
    var b = new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().withNewStatus()
        .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
        .addNewAddress().withType("InternalIP").withAddress(internal).endAddress().addNewAddress().withType("Hostname").withAddress(name).endAddress()
        .endStatus();
    if (external != null) b.editStatus().addNewAddress().withType("ExternalIP").withAddress(external).endAddress().endStatus();
    return b.build();
  }

  @Test
  void poolParsingAndMembership() {
    assertThat(POOL.size()).isEqualTo(14);
    assertThat(POOL.at(0)).isEqualTo("192.168.100.1");
    assertThat(POOL.at(13)).isEqualTo("192.168.100.14");
    assertThat(POOL.contains("192.168.100.0")).isFalse();
    assertThat(POOL.contains("192.168.100.15")).isFalse();
    assertThat(POOL.contains("192.168.100.7")).isTrue();
    assertThat(POOL.contains("192.168.101.7")).isFalse();
    assertThat(POOL.contains("nonsense")).isFalse();
    assertThat(AddressPool.parse("10.0.0.5/32").at(0)).isEqualTo("10.0.0.5");
    assertThat(AddressPool.parse("10.0.0.7/24").at(0)).isEqualTo("10.0.0.1");
    assertThatThrownBy(() -> AddressPool.parse("10.0.0.0")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AddressPool.parse("10.0.0.300/24")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nodeModePublishesReadySchedulableNodesSortedPreferringExternal() {
    List<Node> nodes = List.of(
        node("b", true, "172.30.0.10", null, Map.of()),
        node("a", true, "172.30.0.9", "203.0.113.5", Map.of()),
        node("c", true, "172.30.0.2", null, Map.of()),
        node("down", false, "172.30.0.3", null, Map.of()),
        new NodeBuilder(node("cordoned", true, "172.30.0.4", null, Map.of())).withNewSpec().withUnschedulable(true).endSpec().build(),
        node("excluded", true, "172.30.0.5", null, Map.of(LoadBalancerPlanner.EXCLUDE_LB, "")));
    var d = LoadBalancerPlanner.decide(lb("web"), nodes, null, null, Set.of());
    assertThat(d).isEqualTo(new Decision.Publish(List.of("172.30.0.2", "172.30.0.10", "203.0.113.5"), null, java.util.Optional.empty()));
  }

  @Test
  void enableLbLabelRestrictsNodesOnceAnyNodeHasIt() {
    List<Node> nodes = List.of(node("a", true, "172.30.0.1", null, Map.of(LoadBalancerPlanner.ENABLE_LB, "true")),
        node("b", true, "172.30.0.2", null, Map.of(LoadBalancerPlanner.ENABLE_LB, "false")), node("c", true, "172.30.0.3", null, Map.of()));
    assertThat(LoadBalancerPlanner.nodeAddresses(nodes)).containsExactly("172.30.0.1");
  }

  @Test
  void notOursOrNotLoadBalancer() {
    Service classed = new ServiceBuilder(lb("x")).editSpec().withLoadBalancerClass("example.com/lb").endSpec().build();
    assertThat(LoadBalancerPlanner.decide(classed, List.of(), POOL, null, Set.of())).isInstanceOf(Decision.Ignore.class);
    assertThat(LoadBalancerPlanner.decide(null, List.of(), POOL, null, Set.of())).isInstanceOf(Decision.Ignore.class);
    Service cluster = new ServiceBuilder(lb("x")).editSpec().withType("ClusterIP").endSpec().build();
    assertThat(LoadBalancerPlanner.decide(cluster, List.of(), POOL, "192.168.100.1", Set.of())).isInstanceOf(Decision.Clear.class);
  }

  @Test
  void poolAllocationKeepsHeldThenAdoptsShownThenLowestFree() {
    assertThat(LoadBalancerPlanner.decide(lb("a"), List.of(), POOL, null, Set.of("192.168.100.1", "192.168.100.3")))
        .isEqualTo(new Decision.Publish(List.of("192.168.100.2"), "192.168.100.2", java.util.Optional.empty()));
    assertThat(LoadBalancerPlanner.decide(lb("a"), List.of(), POOL, "192.168.100.9", Set.of("192.168.100.1")))
        .extracting(d -> ((Decision.Publish) d).allocated()).isEqualTo("192.168.100.9");
    Service shown = withStatus(lb("a"), "192.168.100.12");
    assertThat(LoadBalancerPlanner.decide(shown, List.of(), POOL, null, Set.of())).extracting(d -> ((Decision.Publish) d).allocated())
        .isEqualTo("192.168.100.12");
    // shown but taken by another, or outside the pool: a fresh one
    assertThat(LoadBalancerPlanner.decide(shown, List.of(), POOL, null, Set.of("192.168.100.12"))).extracting(d -> ((Decision.Publish) d).allocated())
        .isEqualTo("192.168.100.1");
    assertThat(LoadBalancerPlanner.decide(withStatus(lb("a"), "10.0.0.1"), List.of(), POOL, null, Set.of()))
        .extracting(d -> ((Decision.Publish) d).allocated()).isEqualTo("192.168.100.1");
  }

  @Test
  void requestedLoadBalancerIpIsHonouredWhenInPoolAndFree() {
    Service want = new ServiceBuilder(lb("a")).editSpec().withLoadBalancerIP("192.168.100.7").endSpec().build();
    assertThat(LoadBalancerPlanner.decide(want, List.of(), POOL, "192.168.100.1", Set.of()))
        .isEqualTo(new Decision.Publish(List.of("192.168.100.7"), "192.168.100.7", java.util.Optional.empty()));
    var taken = (Decision.Publish) LoadBalancerPlanner.decide(want, List.of(), POOL, null, Set.of("192.168.100.7"));
    assertThat(taken.allocated()).isEqualTo("192.168.100.1");
    assertThat(taken.warning()).hasValueSatisfying(w -> assertThat(w).contains("held by another"));
    Service outside = new ServiceBuilder(lb("a")).editSpec().withLoadBalancerIP("10.9.9.9").endSpec().build();
    assertThat(((Decision.Publish) LoadBalancerPlanner.decide(outside, List.of(), POOL, null, Set.of())).warning())
        .hasValueSatisfying(w -> assertThat(w).contains("not in the pool"));
  }

  @Test
  void exhaustedPoolIsPending() {
    Set<String> all = new HashSet<>();
    for (int i = 0; i < POOL.size(); i++) all.add(POOL.at(i));
    assertThat(LoadBalancerPlanner.decide(lb("a"), List.of(), POOL, null, all)).isInstanceOf(Decision.Pending.class);
  }

  /** Services come, go and change type at random; held addresses stay unique, stable and within the pool. */
  @Test
  void randomServicesKeepPoolAddressesUniqueAndStable() {
    for (long seed = 1; seed <= 20; seed++) {
      Random rnd = new Random(seed);
      Map<String, Service> services = new HashMap<>();
      Map<String, String> held = new HashMap<>();
      for (int step = 0; step < 300; step++) {
        String name = "s" + rnd.nextInt(20);
        int r = rnd.nextInt(10);
        if (r < 5) services.put(name, lb(name));
        else if (r < 7) services.remove(name);
        else if (r < 9) services.put(name, new ServiceBuilder(lb(name)).editSpec().withType("ClusterIP").endSpec().build());
        else services.put(name, new ServiceBuilder(lb(name)).editSpec().withLoadBalancerIP(POOL.at(rnd.nextInt(14)))
            .endSpec().build());
        String before = held.get(name);
        Set<String> taken = new HashSet<>(held.values());
        if (before != null) taken.remove(before);
        Service svc = services.get(name);
        var d = LoadBalancerPlanner.decide(svc, List.of(), POOL, before, taken);
        switch (d) {
          case Decision.Publish p -> {
            held.put(name, p.allocated());
            assertThat(POOL.contains(p.allocated())).isTrue();
            boolean asked = svc.getSpec().getLoadBalancerIP() != null;
            if (before != null && !asked) assertThat(p.allocated()).as("seed %d step %d: stable", seed, step).isEqualTo(before);
          }
          case Decision.Pending p -> held.remove(name);
          default -> held.remove(name);
        }
        assertThat(new HashSet<>(held.values())).as("seed %d step %d: unique", seed, step).hasSize(held.size());
        assertThat(held.size()).isLessThanOrEqualTo((int) POOL.size());
      }
    }
  }

  @Test
  void ingressIpsReadsStatus() {
    assertThat(LoadBalancerPlanner.ingressIps(withStatus(lb("a"), "1.2.3.4", "1.2.3.5"))).containsExactly("1.2.3.4", "1.2.3.5");
    assertThat(LoadBalancerPlanner.ingressIps(lb("a"))).isEmpty();
    assertThat(LoadBalancerPlanner.sorted(new ArrayList<>(List.of("10.0.0.10", "10.0.0.9", "10.0.0.10")))).containsExactly("10.0.0.9", "10.0.0.10");
  }
}
