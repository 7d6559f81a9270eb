package io.j8s.controllers.scheduler.framework;

import static io.j8s.controllers.scheduler.framework.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeFiltersTest {
  static final NodeInfo SMALL = nodeInfo(node("n1", "2", "4Gi", 3, Map.of("zone", "a", "size", "8")));

  @Test void fitsWhenRequestsLeaveRoom() {
    NodeInfo n = nodeInfo(node("n1", "2", "4Gi", 3, Map.of()), pod("a", "1", "1Gi"));
    assertThat(NodeFilters.resources(info(pod("p", "1", "3Gi")), n)).isEmpty();
  }

  @Test void everyShortResourceIsAReason() {
    NodeInfo n = nodeInfo(node("n1", "2", "4Gi", 2, Map.of()), pod("a", "1500m", "3Gi"), pod("b", null, null));
    assertThat(NodeFilters.resources(info(pod("p", "600m", "2Gi")), n))
        .containsExactly(NodeFilters.TOO_MANY_PODS, "Insufficient cpu", "Insufficient memory");
  }

  @Test void podWithoutRequestsFitsAFullNode() {
    NodeInfo n = nodeInfo(node("n1", "1", "1Gi", 10, Map.of()), pod("a", "1", "1Gi"));
    assertThat(NodeFilters.resources(info(pod("p", null, null)), n)).isEmpty();
  }

  @Test void ephemeralStorageIsCounted() {
    Pod p = pod("p", null, null, b -> b.editSpec().editFirstContainer().editResources()
        .addToRequests("ephemeral-storage", new Quantity("101Gi")).endResources().endContainer().endSpec());
    assertThat(NodeFilters.resources(info(p), SMALL)).containsExactly("Insufficient ephemeral-storage");
  }

  static ContainerBuilder container(String name, String cpu) {
    return new ContainerBuilder().withName(name).withNewResources().addToRequests("cpu", new Quantity(cpu)).endResources();
  }

  @Test void initContainersCountAsTheirMaximumNotTheirSum() {
    Pod p = new PodBuilder(pod("p", "500m", null)).editSpec()
        .addToInitContainers(container("i1", "1").build(), container("i2", "1500m").build()).endSpec().build();
    assertThat(info(p).requests().milliCpu()).isEqualTo(1500);
    Pod small = new PodBuilder(pod("p", "2", null)).editSpec().addToInitContainers(container("i1", "1").build()).endSpec().build();
    assertThat(info(small).requests().milliCpu()).isEqualTo(2000);
  }

  @Test void sidecarsAddToContainersAndToLaterInitContainers() {
    Pod p = new PodBuilder(pod("p", "500m", null)).editSpec()
        .addToInitContainers(container("side", "200m").withRestartPolicy("Always").build(), container("init", "1").build()).endSpec().build();
    // containers 500m + sidecar 200m = 700m; init 1000m + sidecar before it 200m = 1200m
    assertThat(info(p).requests().milliCpu()).isEqualTo(1200);
  }

  @Test void overheadIsAdded() {
    Pod p = new PodBuilder(pod("p", "500m", "1Gi")).editSpec().addToOverhead("cpu", new Quantity("250m")).endSpec().build();
    assertThat(info(p).requests().milliCpu()).isEqualTo(750);
  }

  @Test void nonZeroRequestsDefaultForScoringOnly() {
    PodInfo p = info(pod("p", null, "1Gi"));
    assertThat(p.requests().milliCpu()).isZero();
    assertThat(p.nonZeroRequests().milliCpu()).isEqualTo(100);
    assertThat(p.nonZeroRequests().memory()).isEqualTo(1L << 30);
  }

  @Test void notReadyAndUnschedulableNodesAreFiltered() {
    NodeInfo notReady = NodeInfo.of(new NodeBuilder(node("n1")).editStatus().editFirstCondition().withStatus("False").endCondition().endStatus().build());
    assertThat(NodeFilters.ready(info(pod("p", null, null)), notReady)).containsExactly(NodeFilters.NOT_READY);
    NodeInfo cordoned = NodeInfo.of(new NodeBuilder(node("n1")).editSpec().withUnschedulable(true).endSpec().build());
    assertThat(NodeFilters.unschedulable(info(pod("p", null, null)), cordoned)).containsExactly(NodeFilters.UNSCHEDULABLE);
    Pod tolerant = pod("p", null, null, b -> b.editSpec().addNewToleration().withKey("node.kubernetes.io/unschedulable")
        .withOperator("Exists").withEffect("NoSchedule").endToleration().endSpec());
    assertThat(NodeFilters.unschedulable(info(tolerant), cordoned)).isEmpty();
  }

  @Test void noScheduleAndNoExecuteTaintsNeedTolerations() {
    NodeInfo n = nodeInfo(node("n1", "4", "4Gi", 10, Map.of(), taint("gpu", "yes", "NoSchedule"), taint("x", null, "NoExecute"),
        taint("soft", "1", "PreferNoSchedule")));
    assertThat(NodeFilters.taints(info(pod("p", null, null)), n)).containsExactly("node(s) had untolerated taint {gpu: yes}");
    Pod one = tolerating(new Toleration("NoSchedule", "gpu", "Equal", null, "yes"));
    assertThat(NodeFilters.taints(info(one), n)).containsExactly("node(s) had untolerated taint {x: }");
    Pod both = tolerating(new Toleration(null, "gpu", "Exists", null, null), new Toleration(null, "x", "Exists", null, null));
    assertThat(NodeFilters.taints(info(both), n)).isEmpty();
    Pod wrongValue = tolerating(new Toleration("NoSchedule", "gpu", "Equal", null, "no"), new Toleration(null, "x", "Exists", null, null));
    assertThat(NodeFilters.taints(info(wrongValue), n)).hasSize(1);
    Pod everything = tolerating(new Toleration(null, null, "Exists", null, null));
    assertThat(NodeFilters.taints(info(everything), n)).isEmpty();
    Pod wrongEffect = tolerating(new Toleration("NoExecute", "gpu", "Exists", null, null), new Toleration(null, "x", "Exists", null, null));
    assertThat(NodeFilters.taints(info(wrongEffect), n)).hasSize(1);
  }

  static Pod tolerating(Toleration... t) {
    return pod("p", null, null, b -> b.editSpec().withTolerations(List.of(t)).endSpec());
  }

  @Test void nodeSelectorMustMatchEveryLabel() {
    assertThat(NodeFilters.nodeAffinity(info(selecting(Map.of("zone", "a"))), SMALL)).isEmpty();
    assertThat(NodeFilters.nodeAffinity(info(selecting(Map.of("zone", "a", "size", "9"))), SMALL)).containsExactly(NodeFilters.AFFINITY);
  }

  static Pod selecting(Map<String, String> sel) {
    return pod("p", null, null, b -> b.editSpec().withNodeSelector(sel).endSpec());
  }

  static Pod requiring(NodeSelectorTerm... terms) {
    return pod("p", null, null, b -> b.editSpec().withNewAffinity().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
        .withNodeSelectorTerms(terms).endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().endSpec());
  }

  static NodeSelectorTerm expr(String key, String op, String... values) {
    return new NodeSelectorTerm(List.of(new NodeSelectorRequirement(key, op, List.of(values))), null);
  }

  static boolean fits(NodeSelectorTerm... terms) {
    return NodeFilters.nodeAffinity(info(requiring(terms)), SMALL).isEmpty();
  }

  @Test void requiredNodeAffinityOperators() {
    assertThat(fits(expr("zone", "In", "a", "b"))).isTrue();
    assertThat(fits(expr("zone", "In", "b"))).isFalse();
    assertThat(fits(expr("zone", "NotIn", "b"))).isTrue();
    assertThat(fits(expr("zone", "NotIn", "a"))).isFalse();
    assertThat(fits(expr("other", "NotIn", "a"))).isTrue();
    assertThat(fits(expr("zone", "Exists"))).isTrue();
    assertThat(fits(expr("other", "Exists"))).isFalse();
    assertThat(fits(expr("other", "DoesNotExist"))).isTrue();
    assertThat(fits(expr("zone", "DoesNotExist"))).isFalse();
    assertThat(fits(expr("size", "Gt", "7"))).isTrue();
    assertThat(fits(expr("size", "Gt", "8"))).isFalse();
    assertThat(fits(expr("size", "Lt", "9"))).isTrue();
    assertThat(fits(expr("zone", "Lt", "9"))).isFalse();
    assertThat(fits(expr("other", "Gt", "1"))).isFalse();
  }

  @Test void termsAreOredAndRequirementsAnded() {
    assertThat(fits(expr("zone", "In", "b"), expr("size", "In", "8"))).isTrue();
    NodeSelectorTerm both = new NodeSelectorTerm(List.of(new NodeSelectorRequirement("zone", "In", List.of("a")),
        new NodeSelectorRequirement("size", "In", List.of("9"))), null);
    assertThat(fits(both)).isFalse();
    assertThat(fits(new NodeSelectorTerm(null, null))).isFalse();
  }

  @Test void matchFieldsOnMetadataName() {
    NodeSelectorTerm byName = new NodeSelectorTerm(null, List.of(new NodeSelectorRequirement("metadata.name", "In", List.of("n1"))));
    assertThat(fits(byName)).isTrue();
    NodeSelectorTerm notName = new NodeSelectorTerm(null, List.of(new NodeSelectorRequirement("metadata.name", "NotIn", List.of("n1"))));
    assertThat(fits(notName)).isFalse();
    NodeSelectorTerm otherField = new NodeSelectorTerm(null, List.of(new NodeSelectorRequirement("metadata.uid", "In", List.of("n1"))));
    assertThat(fits(otherField)).isFalse();
  }

  static Pod withPort(String name, String protocol, String ip, int port) {
    return pod(name, null, null, b -> b.editSpec().editFirstContainer()
        .withPorts(new ContainerPortBuilder().withContainerPort(80).withHostPort(port).withProtocol(protocol).withHostIP(ip).build())
        .endContainer().endSpec());
  }

  @Test void hostPortsConflictOnSameProtocolPortAndOverlappingAddress() {
    NodeInfo n = nodeInfo(node("n1"), withPort("a", "TCP", null, 8080), withPort("b", "TCP", "10.0.0.1", 9090));
    assertThat(NodeFilters.ports(info(withPort("p", "TCP", null, 8080)), n)).containsExactly(NodeFilters.PORTS);
    assertThat(NodeFilters.ports(info(withPort("p", "UDP", null, 8080)), n)).isEmpty();
    assertThat(NodeFilters.ports(info(withPort("p", "TCP", "10.0.0.2", 8080)), n)).containsExactly(NodeFilters.PORTS);
    assertThat(NodeFilters.ports(info(withPort("p", "TCP", "10.0.0.2", 9090)), n)).isEmpty();
    assertThat(NodeFilters.ports(info(withPort("p", "TCP", "0.0.0.0", 9090)), n)).containsExactly(NodeFilters.PORTS);
    n.removePod("ns/a");
    assertThat(NodeFilters.ports(info(withPort("p", "TCP", null, 8080)), n)).isEmpty();
  }

  @Test void removingAPodReleasesItsResources() {
    NodeInfo n = nodeInfo(node("n1", "2", "4Gi", 3, Map.of()), pod("a", "2", "1Gi"));
    assertThat(NodeFilters.resources(info(pod("p", "1", null)), n)).containsExactly("Insufficient cpu");
    n.removePod("ns/a");
    assertThat(NodeFilters.resources(info(pod("p", "1", null)), n)).isEmpty();
    assertThat(n.requested()).isEqualTo(Resources.ZERO);
  }
}
