package io.j8s.controllers.endpoints;

import static io.j8s.controllers.endpoints.Fixtures.node;
import static io.j8s.controllers.endpoints.Fixtures.nodes;
import static io.j8s.controllers.endpoints.Fixtures.pod;
import static io.j8s.controllers.endpoints.Fixtures.pods;
import static io.j8s.controllers.endpoints.Fixtures.service;
import static io.j8s.controllers.endpoints.Fixtures.terminating;
import static io.j8s.controllers.endpoints.Fixtures.unready;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlicePlannerTest {
  static final Service WEB = service("web", "http");

  static SlicePlan plan(Service svc, List<Pod> pods, List<EndpointSlice> existing) {
    return SlicePlanner.plan(svc, pods, nodes(), existing);
  }

  /** Plans and applies until nothing is left to do; returns the store. */
  static Fixtures.SliceStore converge(Fixtures.SliceStore store, Service svc, List<Pod> pods) {
    store.apply(plan(svc, pods, store.list()));
    assertThat(plan(svc, pods, store.list()).isEmpty()).as("a second plan is empty").isTrue();
    return store;
  }

  static List<Endpoint> all(Fixtures.SliceStore s) {
    return s.list().stream().flatMap(x -> x.getEndpoints().stream()).toList();
  }

  @Test
  void serviceWithoutPodsGetsOnePlaceholderKeptAfterwards() {
    SlicePlan p = plan(WEB, List.of(), List.of());
    assertThat(p.creates()).hasSize(1);
    EndpointSlice s = p.creates().get(0);
    assertThat(s.getEndpoints()).isEmpty();
    assertThat(s.getPorts()).isEmpty();
    assertThat(s.getAddressType()).isEqualTo("IPv4");
    var store = converge(new Fixtures.SliceStore(), WEB, List.of());
    assertThat(store.list()).hasSize(1);
  }

  @Test
  void readyPodsBecomeOneSliceWithEverythingSet() {
    List<Pod> pods = List.of(pod("a", "web", "10.42.0.1", 8080), pod("b", "web", "10.42.0.2", 8080), pod("other", "db", "10.42.0.3", 8080));
    SlicePlan p = plan(WEB, pods, List.of());
    assertThat(p.creates()).hasSize(1);
    assertThat(p.updates()).isEmpty();
    EndpointSlice s = p.creates().get(0);
    assertThat(s.getMetadata().getGenerateName()).isEqualTo("web-");
    assertThat(s.getMetadata().getNamespace()).isEqualTo("ns");
    assertThat(s.getMetadata().getLabels()).containsEntry("kubernetes.io/service-name", "web")
        .containsEntry("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io").doesNotContainKey("service.kubernetes.io/headless");
    assertThat(s.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
      assertThat(o.getKind()).isEqualTo("Service");
      assertThat(o.getUid()).isEqualTo("uid-web");
      assertThat(o.getController()).isTrue();
    });
    assertThat(s.getPorts()).singleElement().satisfies(port -> {
      assertThat(port.getName()).isEqualTo("http");
      assertThat(port.getPort()).isEqualTo(8080);
      assertThat(port.getProtocol()).isEqualTo("TCP");
    });
    assertThat(s.getEndpoints()).hasSize(2);
    Endpoint e = s.getEndpoints().get(0);
    assertThat(e.getAddresses()).containsExactly("10.42.0.1");
    assertThat(e.getConditions().getReady()).isTrue();
    assertThat(e.getConditions().getServing()).isTrue();
    assertThat(e.getConditions().getTerminating()).isFalse();
    assertThat(e.getNodeName()).isEqualTo("n1");
    assertThat(e.getZone()).isEqualTo("zone-a");
    assertThat(e.getHostname()).isNull();
    assertThat(e.getTargetRef().getKind()).isEqualTo("Pod");
    assertThat(e.getTargetRef().getName()).isEqualTo("a");
    assertThat(e.getTargetRef().getNamespace()).isEqualTo("ns");
    assertThat(e.getTargetRef().getUid()).isEqualTo("uid-a");
  }

  @Test
  void conditionsFollowReadinessAndTermination() {
    List<Pod> pods = List.of(unready(pod("unready", "web", "10.42.0.1", 8080)), terminating(pod("term-ready", "web", "10.42.0.2", 8080)),
        terminating(unready(pod("term-unready", "web", "10.42.0.3", 8080))));
    var eps = plan(WEB, pods, List.of()).creates().get(0).getEndpoints();
    assertThat(eps).extracting(e -> e.getTargetRef().getName() + ":" + e.getConditions().getReady() + "/" + e.getConditions().getServing()
        + "/" + e.getConditions().getTerminating())
        .containsExactly("term-ready:false/true/true", "term-unready:false/false/true", "unready:false/false/false");
    Service publish = new ServiceBuilder(WEB).editSpec().withPublishNotReadyAddresses(true).endSpec().build();
    var eps2 = plan(publish, pods, List.of()).creates().get(0).getEndpoints();
    assertThat(eps2).allSatisfy(e -> assertThat(e.getConditions().getReady()).isTrue());
  }

  @Test
  void podsWithoutAddressOrFinishedAreLeftOut() {
    Pod noIp = new PodBuilder(pod("noip", "web", "x", 8080)).editStatus().withPodIP(null).endStatus().build();
    Pod ipv6 = new PodBuilder(pod("v6", "web", "fd00::1", 8080)).build();
    Pod done = new PodBuilder(pod("done", "web", "10.42.0.5", 8080)).editStatus().withPhase("Succeeded").endStatus().build();
    Pod failed = new PodBuilder(pod("failed", "web", "10.42.0.6", 8080)).editStatus().withPhase("Failed").endStatus().build();
    Pod ok = pod("ok", "web", "10.42.0.7", 8080);
    var eps = plan(WEB, List.of(noIp, ipv6, done, failed, ok), List.of()).creates().get(0).getEndpoints();
    assertThat(eps).extracting(e -> e.getTargetRef().getName()).containsExactly("ok");
  }

  @Test
  void namedPortsSplitSlicesByNumberAndDropPodsWithoutThePort() {
    Pod a = pod("a", "web", "10.42.0.1", 8080);
    Pod b = pod("b", "web", "10.42.0.2", 9090);
    Pod c = pod("c", "web", "10.42.0.3", 8080);
    Pod none = new PodBuilder(pod("none", "web", "10.42.0.4", 1)).editSpec().editFirstContainer().withPorts().endContainer().endSpec().build();
    Pod udp = new PodBuilder(pod("udp", "web", "10.42.0.5", 1)).editSpec().editFirstContainer().editFirstPort().withProtocol("UDP").endPort()
        .endContainer().endSpec().build();
    SlicePlan p = plan(WEB, List.of(a, b, c, none, udp), List.of());
    assertThat(p.creates()).hasSize(2);
    assertThat(p.creates()).extracting(s -> s.getPorts().get(0).getPort() + "=" + s.getEndpoints().stream().map(e -> e.getTargetRef().getName()).toList())
        .containsExactlyInAnyOrder("8080=[a, c]", "9090=[b]");
  }

  @Test
  void numericTargetPortAndUnsetTargetPort() {
    Service numeric = service("web", 7000);
    assertThat(plan(numeric, List.of(pod("a", "web", "10.42.0.1", 8080)), List.of()).creates().get(0).getPorts().get(0).getPort()).isEqualTo(7000);
    Service unset = new ServiceBuilder(WEB).editSpec().editFirstPort().withTargetPort(null).endPort().endSpec().build();
    assertThat(plan(unset, List.of(pod("a", "web", "10.42.0.1", 8080)), List.of()).creates().get(0).getPorts().get(0).getPort()).isEqualTo(80);
  }

  @Test
  void twoHundredFiftyPodsFillThreeSlices() {
    SlicePlan p = plan(WEB, pods("web", 250), List.of());
    assertThat(p.creates()).extracting(s -> s.getEndpoints().size()).containsExactly(100, 100, 50);
  }

  @Test
  void oneChangedPodUpdatesOnlyItsSlice() {
    List<Pod> pods = new ArrayList<>(pods("web", 250));
    var store = converge(new Fixtures.SliceStore(), WEB, pods);
    String holder = store.list().stream().filter(s -> s.getEndpoints().stream().anyMatch(e -> e.getTargetRef().getName().equals("p0150")))
        .findFirst().orElseThrow().getMetadata().getName();
    pods.set(150, unready(pods.get(150)));
    SlicePlan p = plan(WEB, pods, store.list());
    assertThat(p.creates()).isEmpty();
    assertThat(p.deletes()).isEmpty();
    assertThat(p.updates()).singleElement().satisfies(s -> assertThat(s.getMetadata().getName()).isEqualTo(holder));
    store.apply(p);
    assertThat(all(store)).filteredOn(e -> e.getTargetRef().getName().equals("p0150")).singleElement()
        .satisfies(e -> assertThat(e.getConditions().getReady()).isFalse());
    assertThat(plan(WEB, pods, store.list()).isEmpty()).isTrue();
  }

  @Test
  void removedPodUpdatesItsSliceAndANewPodFillsTheUpdatedSlice() {
    List<Pod> pods = new ArrayList<>(pods("web", 250));
    var store = converge(new Fixtures.SliceStore(), WEB, pods);
    pods.remove(10);
    pods.add(pod("new", "web", "10.42.9.9", 8080));
    SlicePlan p = plan(WEB, pods, store.list());
    assertThat(p.creates()).isEmpty();
    assertThat(p.deletes()).isEmpty();
    assertThat(p.updates()).singleElement().satisfies(s -> assertThat(s.getEndpoints()).hasSize(100)
        .anySatisfy(e -> assertThat(e.getTargetRef().getName()).isEqualTo("new")));
  }

  @Test
  void addedPodGoesIntoTheUnchangedSliceThatFitsBest() {
    List<Pod> pods = new ArrayList<>(pods("web", 250)); // slices of 100, 100, 50
    var store = converge(new Fixtures.SliceStore(), WEB, pods);
    pods.add(pod("new", "web", "10.42.9.9", 8080));
    SlicePlan p = plan(WEB, pods, store.list());
    assertThat(p.creates()).isEmpty();
    assertThat(p.updates()).singleElement().satisfies(s -> assertThat(s.getEndpoints()).hasSize(51));
  }

  @Test
  void sliceEmptiedIsDeletedAndLastPodGoneLeavesAPlaceholderByRecycling() {
    List<Pod> pods = new ArrayList<>(pods("web", 150)); // 100 + 50
    var store = converge(new Fixtures.SliceStore(), WEB, pods);
    SlicePlan p = plan(WEB, pods.subList(0, 100), store.list());
    assertThat(p.deletes()).hasSize(1);
    assertThat(p.writes()).isEqualTo(1);
    store.apply(p);
    SlicePlan none = plan(WEB, List.of(), store.list());
    assertThat(none.creates()).isEmpty();
    assertThat(none.updates()).singleElement().satisfies(s -> assertThat(s.getEndpoints()).isEmpty());
    store.apply(none);
    assertThat(store.list()).hasSize(1);
    assertThat(plan(WEB, List.of(), store.list()).isEmpty()).isTrue();
    // pods come back: the placeholder is reused, not deleted and recreated
    SlicePlan back = plan(WEB, pods("web", 3), store.list());
    assertThat(back.creates()).isEmpty();
    assertThat(back.deletes()).isEmpty();
    assertThat(back.updates()).singleElement().satisfies(s -> assertThat(s.getEndpoints()).hasSize(3));
  }

  @Test
  void changedTargetPortRewritesSlicesInPlace() {
    var store = converge(new Fixtures.SliceStore(), WEB, pods("web", 150));
    Service renumbered = service("web", 7000);
    SlicePlan p = plan(renumbered, pods("web", 150), store.list());
    assertThat(p.creates()).isEmpty();
    assertThat(p.deletes()).isEmpty();
    assertThat(p.updates()).hasSize(2).allSatisfy(s -> assertThat(s.getPorts().get(0).getPort()).isEqualTo(7000));
  }

  @Test
  void slicesOfAnotherOwnerOrAddressTypeAreReplaced() {
    var store = converge(new Fixtures.SliceStore(), WEB, pods("web", 3));
    EndpointSlice old = store.list().get(0);
    Service recreated = new ServiceBuilder(WEB).editMetadata().withUid("uid-web-2").endMetadata().build();
    SlicePlan p = plan(recreated, pods("web", 3), store.list());
    assertThat(p.deletes()).containsExactly(old);
    assertThat(p.creates()).singleElement().satisfies(s -> assertThat(s.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo("uid-web-2"));
    EndpointSlice v6 = new EndpointSliceBuilder(old).withAddressType("IPv6").build();
    assertThat(plan(WEB, pods("web", 3), List.of(v6)).deletes()).containsExactly(v6);
  }

  @Test
  void serviceLabelsAreCopiedAndFollowed() {
    var store = converge(new Fixtures.SliceStore(), WEB, pods("web", 3));
    Service labelled = new ServiceBuilder(WEB).editMetadata().withLabels(Map.of("team", "x")).endMetadata().build();
    SlicePlan p = plan(labelled, pods("web", 3), store.list());
    assertThat(p.updates()).singleElement().satisfies(s -> assertThat(s.getMetadata().getLabels()).containsEntry("team", "x")
        .containsEntry("kubernetes.io/service-name", "web"));
  }

  @Test
  void duplicateEndpointInTwoSlicesIsKeptOnce() {
    var store = converge(new Fixtures.SliceStore(), WEB, pods("web", 3));
    EndpointSlice s = store.list().get(0);
    EndpointSlice copy = new EndpointSliceBuilder(s).editMetadata().withName("web-copy").withUid("uid-copy").endMetadata().build();
    SlicePlan p = plan(WEB, pods("web", 3), List.of(s, copy));
    assertThat(p.deletes()).extracting(x -> x.getMetadata().getName()).containsExactly("web-copy");
    assertThat(p.updates()).isEmpty();
  }

  @Test
  void hostnameOnlyWhenSubdomainIsTheService() {
    Pod named = new PodBuilder(pod("a", "web", "10.42.0.1", 8080)).editSpec().withHostname("a-host").withSubdomain("web").endSpec().build();
    Pod other = new PodBuilder(pod("b", "web", "10.42.0.2", 8080)).editSpec().withHostname("b-host").withSubdomain("else").endSpec().build();
    var eps = plan(WEB, List.of(named, other), List.of()).creates().get(0).getEndpoints();
    assertThat(eps).extracting(Endpoint::getHostname).containsExactly("a-host", null);
  }

  @Test
  void podOnUnknownNodeIsSkippedUnlessPublishingNotReady() {
    Pod lost = new PodBuilder(pod("lost", "web", "10.42.0.1", 8080)).editSpec().withNodeName("gone").endSpec().build();
    Pod onN2 = new PodBuilder(pod("b", "web", "10.42.0.2", 8080)).editSpec().withNodeName("n2").endSpec().build();
    SlicePlan p = SlicePlanner.plan(WEB, List.of(lost, onN2), Map.of("n2", node("n2", null)), List.of());
    assertThat(p.skippedPods()).containsExactly("lost");
    assertThat(p.creates().get(0).getEndpoints()).singleElement().satisfies(e -> assertThat(e.getZone()).isNull());
    Service publish = new ServiceBuilder(WEB).editSpec().withPublishNotReadyAddresses(true).endSpec().build();
    SlicePlan q = SlicePlanner.plan(publish, List.of(lost, onN2), Map.of("n2", node("n2", null)), List.of());
    assertThat(q.skippedPods()).isEmpty();
    assertThat(q.creates().get(0).getEndpoints()).hasSize(2);
  }

  @Test
  void headlessWithoutPortsHasPortlessEndpointsAndTheHeadlessLabel() {
    Service headless = new ServiceBuilder(WEB).editSpec().withClusterIP("None").withPorts(List.of()).endSpec().build();
    SlicePlan p = plan(headless, pods("web", 2), List.of());
    assertThat(p.creates()).singleElement().satisfies(s -> {
      assertThat(s.getPorts()).isEmpty();
      assertThat(s.getEndpoints()).hasSize(2);
      assertThat(s.getMetadata().getLabels()).containsEntry("service.kubernetes.io/headless", "");
    });
  }

  @Test
  void recreatedPodWithSameNameAndIpIsUpdatedInPlace() {
    var store = converge(new Fixtures.SliceStore(), WEB, pods("web", 3));
    List<Pod> pods = new ArrayList<>(pods("web", 3));
    pods.set(1, new PodBuilder(pods.get(1)).editMetadata().withUid("uid-new").endMetadata().build());
    SlicePlan p = plan(WEB, pods, store.list());
    assertThat(p.updates()).singleElement().satisfies(s -> assertThat(s.getEndpoints().get(1).getTargetRef().getUid()).isEqualTo("uid-new"));
    assertThat(p.writes()).isEqualTo(1);
  }

  @Test
  void longServiceNamesAreCutForGenerateName() {
    Service longName = new ServiceBuilder(WEB).editMetadata().withName("s".repeat(63)).endMetadata().editSpec()
        .withSelector(Map.of("app", "web")).endSpec().build();
    assertThat(plan(longName, pods("web", 1), List.of()).creates().get(0).getMetadata().getGenerateName()).hasSize(58);
  }
}
