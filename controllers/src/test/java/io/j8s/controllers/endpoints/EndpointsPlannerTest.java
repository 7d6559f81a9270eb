package io.j8s.controllers.endpoints;

import static io.j8s.controllers.endpoints.Fixtures.pod;
import static io.j8s.controllers.endpoints.Fixtures.pods;
import static io.j8s.controllers.endpoints.Fixtures.service;
import static io.j8s.controllers.endpoints.Fixtures.terminating;
import static io.j8s.controllers.endpoints.Fixtures.unready;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointsPlannerTest {
  static final Service WEB = service("web", "http");

  static int count(Endpoints e, boolean ready) {
    return e.getSubsets().stream().mapToInt(s -> (ready ? s.getAddresses() : s.getNotReadyAddresses()).size()).sum();
  }

  @Test
  void readyAndNotReadyAddressesWithPortsAndRefs() {
    List<Pod> pods = List.of(pod("b", "web", "10.42.0.2", 8080), unready(pod("a", "web", "10.42.0.1", 8080)), pod("x", "db", "10.42.0.9", 8080));
    Endpoints e = EndpointsPlanner.desired(WEB, pods, null);
    assertThat(e.getMetadata().getName()).isEqualTo("web");
    assertThat(e.getMetadata().getNamespace()).isEqualTo("ns");
    assertThat(e.getMetadata().getLabels()).containsEntry("endpointslice.kubernetes.io/skip-mirror", "true");
    assertThat(e.getMetadata().getAnnotations()).doesNotContainKey(EndpointsPlanner.OVER_CAPACITY);
    assertThat(e.getSubsets()).singleElement().satisfies(s -> {
      assertThat(s.getAddresses()).extracting(EndpointAddress::getIp).containsExactly("10.42.0.2");
      assertThat(s.getNotReadyAddresses()).extracting(EndpointAddress::getIp).containsExactly("10.42.0.1");
      assertThat(s.getPorts()).singleElement().satisfies(p -> {
        assertThat(p.getName()).isEqualTo("http");
        assertThat(p.getPort()).isEqualTo(8080);
        assertThat(p.getProtocol()).isEqualTo("TCP");
      });
      EndpointAddress a = s.getAddresses().get(0);
      assertThat(a.getNodeName()).isEqualTo("n1");
      assertThat(a.getTargetRef().getKind()).isEqualTo("Pod");
      assertThat(a.getTargetRef().getName()).isEqualTo("b");
      assertThat(a.getTargetRef().getUid()).isEqualTo("uid-b");
    });
  }

  @Test
  void terminatingPodsAreLeftOutUnlessPublishingNotReady() {
    List<Pod> pods = List.of(terminating(pod("t", "web", "10.42.0.1", 8080)), unready(pod("u", "web", "10.42.0.2", 8080)));
    Endpoints e = EndpointsPlanner.desired(WEB, pods, null);
    assertThat(count(e, true)).isZero();
    assertThat(count(e, false)).isEqualTo(1);
    Service publish = new ServiceBuilder(WEB).editSpec().withPublishNotReadyAddresses(true).endSpec().build();
    Endpoints p = EndpointsPlanner.desired(publish, pods, null);
    assertThat(count(p, true)).isEqualTo(2);
    assertThat(count(p, false)).isZero();
  }

  @Test
  void podsWithDifferentPortNumbersGetTheirOwnSubsetAndPodsWithoutThePortNone() {
    Pod none = new PodBuilder(pod("none", "web", "10.42.0.4", 1)).editSpec().editFirstContainer().withPorts().endContainer().endSpec().build();
    Pod noIp = new PodBuilder(pod("noip", "web", "x", 8080)).editStatus().withPodIP(null).endStatus().build();
    Pod done = new PodBuilder(pod("done", "web", "10.42.0.6", 8080)).editStatus().withPhase("Succeeded").endStatus().build();
    List<Pod> pods = List.of(pod("a", "web", "10.42.0.1", 8080), pod("b", "web", "10.42.0.2", 9090), none, noIp, done);
    Endpoints e = EndpointsPlanner.desired(WEB, pods, null);
    assertThat(e.getSubsets()).extracting(s -> s.getPorts().get(0).getPort() + "=" + s.getAddresses().stream().map(EndpointAddress::getIp).toList())
        .containsExactly("8080=[10.42.0.1]", "9090=[10.42.0.2]");
  }

  @Test
  void multiPortServiceRepacksByPortSet() {
    Service two = new ServiceBuilder(WEB).editSpec().addToPorts(new ServicePortBuilder().withName("admin").withPort(81).withProtocol("TCP")
        .withNewTargetPort("admin").build()).endSpec().build();
    Pod withAdmin = new PodBuilder(pod("a", "web", "10.42.0.1", 8080)).editSpec().editFirstContainer().addNewPort().withName("admin")
        .withContainerPort(9000).withProtocol("TCP").endPort().endContainer().endSpec().build();
    Pod plain = pod("b", "web", "10.42.0.2", 8080);
    Endpoints e = EndpointsPlanner.desired(two, List.of(withAdmin, plain), null);
    assertThat(e.getSubsets()).hasSize(2);
    assertThat(e.getSubsets()).anySatisfy(s -> {
      assertThat(s.getAddresses()).extracting(EndpointAddress::getIp).containsExactly("10.42.0.1");
      assertThat(s.getPorts()).extracting(p -> p.getName() + ":" + p.getPort()).containsExactlyInAnyOrder("admin:9000", "http:8080");
    });
    assertThat(e.getSubsets()).anySatisfy(s -> {
      assertThat(s.getAddresses()).extracting(EndpointAddress::getIp).containsExactly("10.42.0.2");
      assertThat(s.getPorts()).extracting(p -> p.getName() + ":" + p.getPort()).containsExactly("http:8080");
    });
  }

  @Test
  void headlessWithoutPortsAndHostnames() {
    Service headless = new ServiceBuilder(WEB).editSpec().withClusterIP("None").withPorts(List.of()).endSpec().build();
    Pod named = new PodBuilder(pod("a", "web", "10.42.0.1", 8080)).editSpec().withHostname("a").withSubdomain("web").endSpec().build();
    Endpoints e = EndpointsPlanner.desired(headless, List.of(named), null);
    assertThat(e.getMetadata().getLabels()).containsEntry("service.kubernetes.io/headless", "");
    assertThat(e.getSubsets()).singleElement().satisfies(s -> {
      assertThat(s.getPorts()).isEmpty();
      assertThat(s.getAddresses()).singleElement().satisfies(a -> assertThat(a.getHostname()).isEqualTo("a"));
    });
  }

  @Test
  void overThousandAddressesAreTruncatedReadyFirstAndAnnotated() {
    List<Pod> pods = new ArrayList<>(pods("web", 900));
    for (int i = 0; i < 300; i++) pods.add(unready(pod("u" + i, "web", "10.43." + (i / 250) + "." + (i % 250 + 1), 8080)));
    Endpoints e = EndpointsPlanner.desired(WEB, pods, null);
    assertThat(count(e, true)).isEqualTo(900);
    assertThat(count(e, false)).isEqualTo(100);
    assertThat(e.getMetadata().getAnnotations()).containsEntry(EndpointsPlanner.OVER_CAPACITY, "truncated");
    Endpoints tooManyReady = EndpointsPlanner.desired(WEB, pods("web", 1200), null);
    assertThat(count(tooManyReady, true)).isEqualTo(1000);
    assertThat(count(tooManyReady, false)).isZero();
    // back under capacity: the annotation goes, other annotations stay
    Endpoints current = new EndpointsBuilder(e).editMetadata().addToAnnotations("keep", "me").endMetadata().build();
    Endpoints small = EndpointsPlanner.desired(WEB, pods("web", 5), current);
    assertThat(small.getMetadata().getAnnotations()).doesNotContainKey(EndpointsPlanner.OVER_CAPACITY).containsEntry("keep", "me");
  }

  @Test
  void truncationSharesRoomAcrossSubsetsInProportion() {
    List<Pod> pods = new ArrayList<>();
    for (int i = 0; i < 1500; i++) pods.add(pod("p" + i, "web", "10." + (i < 750 ? 42 : 44) + "." + (i % 750 / 250) + "." + (i % 250 + 1), i < 750 ? 8080 : 9090));
    Endpoints e = EndpointsPlanner.desired(WEB, pods, null);
    assertThat(e.getSubsets()).extracting(s -> s.getAddresses().size()).containsExactly(500, 500);
  }

  @Test
  void differsOnlyOnOwnedFields() {
    Endpoints want = EndpointsPlanner.desired(WEB, pods("web", 3), null);
    Endpoints same = new EndpointsBuilder(want).editMetadata().withResourceVersion("7").withUid("u").endMetadata().build();
    assertThat(EndpointsPlanner.differs(same, want)).isFalse();
    Endpoints fewer = EndpointsPlanner.desired(WEB, pods("web", 2), null);
    assertThat(EndpointsPlanner.differs(fewer, want)).isTrue();
    Endpoints relabelled = new EndpointsBuilder(want).editMetadata().withLabels(Map.of()).endMetadata().build();
    assertThat(EndpointsPlanner.differs(relabelled, want)).isTrue();
  }

  @Test
  void servicesWithoutSelectorOrExternalNameAreNotManaged() {
    assertThat(PodEndpoints.managesEndpoints(WEB)).isTrue();
    assertThat(PodEndpoints.managesEndpoints(new ServiceBuilder(WEB).editSpec().withSelector(Map.of()).endSpec().build())).isFalse();
    assertThat(PodEndpoints.managesEndpoints(new ServiceBuilder(WEB).editSpec().withType("ExternalName").endSpec().build())).isFalse();
  }
}
