package io.j8s.proxy.tracker;

import static io.j8s.proxy.testing.Objects.clusterIP;
import static io.j8s.proxy.testing.Objects.service;
import static io.j8s.proxy.testing.Objects.slice;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ServicePortName;
import io.j8s.proxy.state.ServiceRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyStateTrackerTest {
  static final ServicePortName WEB = ServicePortName.of("ns", "web", "http", "TCP");
  static final ServiceRef WEB_REF = new ServiceRef("ns", "web");

  final ProxyStateTracker t = new ProxyStateTracker();

  @Test void servicesAndSlicesBecomeState() {
    assertThat(t.onService(clusterIP("ns", "web", "10.43.0.5", 80))).isTrue();
    assertThat(t.onEndpointSlice(slice("ns", "web", "web-a", 8080, "n1", List.of("10.42.0.2", "10.42.0.1")))).isTrue();
    ProxyStateTracker.Snapshot s = t.snapshot();
    assertThat(s.changed()).containsExactly(WEB_REF);
    assertThat(s.state().services()).containsOnlyKeys(WEB);
    assertThat(s.state().endpointsOf(WEB)).extracting(Endpoint::address).containsExactly("10.42.0.1:8080", "10.42.0.2:8080");
    assertThat(t.snapshot().changed()).isEmpty();
  }

  @Test void noOpUpdatesAreNotChanges() {
    t.onService(clusterIP("ns", "web", "10.43.0.5", 80));
    t.onEndpointSlice(slice("ns", "web", "web-a", 8080, "n1", List.of("10.42.0.1")));
    t.snapshot();
    assertThat(t.onService(service("ns", "web", "10.43.0.5", 80).editMetadata().withResourceVersion("9").endMetadata()
        .editOrNewStatus().endStatus().build())).isFalse();
    assertThat(t.onEndpointSlice(slice("ns", "web", "web-a", 8080, "n1", List.of("10.42.0.1")))).isFalse();
    assertThat(t.snapshot().changed()).isEmpty();
  }

  @Test void slicesOfOneServiceMergeAndDuplicatesPreferReady() {
    t.onEndpointSlice(slice("ns", "web", "a", 80, "n1", List.of("10.42.0.1", "10.42.0.2")));
    EndpointSlice b = new EndpointSliceBuilder(slice("ns", "web", "b", 80, "n1", List.of("10.42.0.3")))
        .addNewEndpoint().withAddresses("10.42.0.1").withNewConditions().withReady(false).endConditions().endEndpoint().build();
    t.onEndpointSlice(b);
    List<Endpoint> eps = t.snapshot().state().endpointsOf(WEB);
    assertThat(eps).extracting(Endpoint::address).containsExactly("10.42.0.1:80", "10.42.0.2:80", "10.42.0.3:80");
    assertThat(eps.get(0).ready()).isTrue();
    assertThat(t.onEndpointSliceDeleted(slice("ns", "web", "a", 80, "n1", List.of()))).isTrue();
    assertThat(t.snapshot().state().endpointsOf(WEB)).extracting(Endpoint::address, Endpoint::ready)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("10.42.0.1:80", false), org.assertj.core.groups.Tuple.tuple("10.42.0.3:80", true));
  }

  @Test void aSliceRelabelledToAnotherServiceLeavesTheFirst() {
    t.onEndpointSlice(slice("ns", "web", "s", 80, "n1", List.of("10.42.0.1")));
    t.snapshot();
    t.onEndpointSlice(slice("ns", "api", "s", 80, "n1", List.of("10.42.0.1")));
    ProxyStateTracker.Snapshot s = t.snapshot();
    assertThat(s.changed()).containsExactlyInAnyOrder(WEB_REF, new ServiceRef("ns", "api"));
    assertThat(s.state().endpointsOf(WEB)).isEmpty();
    assertThat(s.state().endpointsOf(ServicePortName.of("ns", "api", "http", "TCP"))).hasSize(1);
  }

  @Test void deletingAServiceRemovesItsPortsButKeepsEndpointsForLater() {
    t.onService(clusterIP("ns", "web", "10.43.0.5", 80));
    t.onEndpointSlice(slice("ns", "web", "a", 80, "n1", List.of("10.42.0.1")));
    t.snapshot();
    assertThat(t.onServiceDeleted(clusterIP("ns", "web", "10.43.0.5", 80))).isTrue();
    ProxyStateTracker.Snapshot s = t.snapshot();
    assertThat(s.changed()).containsExactly(WEB_REF);
    assertThat(s.state().services()).isEmpty();
    assertThat(t.onServiceDeleted(clusterIP("ns", "web", "10.43.0.5", 80))).isFalse();
  }

  @Test void changedPortIsAChange() {
    t.onService(clusterIP("ns", "web", "10.43.0.5", 80));
    t.snapshot();
    assertThat(t.onService(clusterIP("ns", "web", "10.43.0.5", 81))).isTrue();
    assertThat(t.snapshot().state().services().get(WEB).port()).isEqualTo(81);
  }

  @Test void snapshotsAreImmutableValues() {
    t.onService(clusterIP("ns", "web", "10.43.0.5", 80));
    ProxyStateTracker.Snapshot first = t.snapshot();
    t.onService(clusterIP("ns", "other", "10.43.0.6", 80));
    assertThat(first.state().services()).hasSize(1);
    assertThat(t.snapshot().state().services()).hasSize(2);
  }

  @Test void syncedOnlyAfterBothLists() {
    assertThat(t.synced()).isFalse();
    t.markServicesSynced();
    assertThat(t.synced()).isFalse();
    t.markEndpointSlicesSynced();
    assertThat(t.synced()).isTrue();
  }
}
