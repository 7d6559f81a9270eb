package io.j8s.proxy.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointSelectionTest {
  static final ServicePort CLUSTER = ServicePort.clusterIP(ServicePortName.of("ns", "s", "p", "TCP"), "10.43.0.1", 80);
  static final ServicePort EXT_LOCAL = CLUSTER.withNodePort(30000).withPolicies(true, false, 0);
  static final ServicePort INT_LOCAL = CLUSTER.withPolicies(false, true, 0);

  static Endpoint ep(String ip, boolean ready, boolean serving, boolean terminating, String node) {
    return new Endpoint(ip, 80, ready, serving, terminating, node, "");
  }

  static final Endpoint READY_HERE = ep("10.42.0.1", true, true, false, "me");
  static final Endpoint READY_THERE = ep("10.42.1.1", true, true, false, "other");
  static final Endpoint NOT_READY_HERE = ep("10.42.0.2", false, false, false, "me");
  static final Endpoint TERM_HERE = ep("10.42.0.3", false, true, true, "me");
  static final Endpoint TERM_THERE = ep("10.42.1.3", false, true, true, "other");
  static final Endpoint TERM_NOT_SERVING = ep("10.42.1.4", false, false, true, "other");

  @Test void clusterUsesReadyOnly() {
    EndpointSelection s = EndpointSelection.categorize(CLUSTER, List.of(READY_HERE, READY_THERE, NOT_READY_HERE, TERM_HERE), "me");
    assertThat(s.cluster()).containsExactly(READY_HERE, READY_THERE);
    assertThat(s.local()).isEmpty();
    assertThat(s.reachable()).isEqualTo(s.cluster());
    assertThat(s.hasAny()).isTrue();
  }

  @Test void clusterFallsBackToServingTerminating() {
    EndpointSelection s = EndpointSelection.categorize(CLUSTER, List.of(NOT_READY_HERE, TERM_THERE, TERM_NOT_SERVING), "me");
    assertThat(s.cluster()).containsExactly(TERM_THERE);
    assertThat(s.hasAny()).isTrue();
  }

  @Test void nothingUsable() {
    EndpointSelection s = EndpointSelection.categorize(CLUSTER, List.of(NOT_READY_HERE, TERM_NOT_SERVING), "me");
    assertThat(s.cluster()).isEmpty();
    assertThat(s.hasAny()).isFalse();
    assertThat(EndpointSelection.categorize(CLUSTER, List.of(), "me").hasAny()).isFalse();
  }

  @Test void externalLocalKeepsClusterAndLocalLists() {
    EndpointSelection s = EndpointSelection.categorize(EXT_LOCAL, List.of(READY_HERE, READY_THERE, TERM_HERE), "me");
    assertThat(s.cluster()).containsExactly(READY_HERE, READY_THERE);
    assertThat(s.local()).containsExactly(READY_HERE);
    assertThat(s.reachable()).containsExactly(READY_HERE, READY_THERE);
  }

  @Test void localFallsBackToLocalServingTerminating() {
    EndpointSelection s = EndpointSelection.categorize(EXT_LOCAL, List.of(READY_THERE, TERM_HERE), "me");
    assertThat(s.cluster()).containsExactly(READY_THERE);
    assertThat(s.local()).containsExactly(TERM_HERE);
    assertThat(s.reachable()).containsExactly(TERM_HERE, READY_THERE);
  }

  @Test void internalLocalWithNoLocalEndpointStillKnowsOthersExist() {
    EndpointSelection s = EndpointSelection.categorize(INT_LOCAL, List.of(READY_THERE), "me");
    assertThat(s.cluster()).isEmpty();
    assertThat(s.local()).isEmpty();
    assertThat(s.reachable()).isEmpty();
    assertThat(s.hasAny()).isTrue();
  }

  @Test void internalLocalUsesOnlyReadyLocal() {
    EndpointSelection s = EndpointSelection.categorize(INT_LOCAL, List.of(READY_HERE, READY_THERE, TERM_HERE), "me");
    assertThat(s.local()).containsExactly(READY_HERE);
    assertThat(s.reachable()).containsExactly(READY_HERE);
  }

  @Test void endpointsWithoutNodeAreNeverLocal() {
    Endpoint noNode = ep("10.42.0.9", true, true, false, "");
    assertThat(noNode.isLocal("")).isFalse();
    assertThat(EndpointSelection.categorize(INT_LOCAL, List.of(noNode), "").local()).isEmpty();
  }
}
