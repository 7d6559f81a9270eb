package io.j8s.apiserver.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubernetesServiceTest {
  static KubernetesService.Lease lease(String id, int port, long at, String... addrs) {
    return new KubernetesService.Lease(id, List.of(addrs), port, at);
  }

  @Test
  void liveLeasesGiveDistinctSortedEndpoints() {
    List<KubernetesService.Endpoint> eps = KubernetesService.endpoints(List.of(
        lease("b", 6443, 100, "10.0.0.2"), lease("a", 6443, 100, "10.0.0.1", "10.0.0.2"), lease("dead", 6443, 0, "10.0.0.9"),
        lease("noport", 0, 100, "10.0.0.8")), 120, 50);
    assertThat(eps).containsExactly(new KubernetesService.Endpoint("10.0.0.1", 6443), new KubernetesService.Endpoint("10.0.0.2", 6443));
  }

  @Test
  void leaseRoundTrip() {
    KubernetesService.Lease l = lease("10.0.0.1:6443", 6443, 42, "10.0.0.1", "fd00::1");
    assertThat(KubernetesService.Lease.fromJson(l.id(), l.toJson())).isEqualTo(l);
  }

  @Test
  void endpointsHaveOneSubsetPerPort() {
    ObjectNode ep = KubernetesService.endpointsObject(List.of(new KubernetesService.Endpoint("127.0.0.1", 40001),
        new KubernetesService.Endpoint("127.0.0.1", 40002), new KubernetesService.Endpoint("10.0.0.1", 40002)));
    assertThat(ep.path("kind").asText()).isEqualTo("Endpoints");
    assertThat(ep.path("metadata").path("name").asText()).isEqualTo("kubernetes");
    assertThat(ep.path("subsets")).hasSize(2);
    assertThat(ep.path("subsets").get(1).path("addresses").findValuesAsText("ip")).containsExactly("10.0.0.1", "127.0.0.1");
    assertThat(ep.path("subsets").get(1).path("ports").get(0).toString()).isEqualTo("{\"name\":\"https\",\"port\":40002,\"protocol\":\"TCP\"}");
  }

  @Test
  void sliceListsTheServersOnTheMostUsedPort() {
    ObjectNode s = KubernetesService.endpointSliceObject(List.of(new KubernetesService.Endpoint("10.0.0.3", 7443),
        new KubernetesService.Endpoint("10.0.0.1", 6443), new KubernetesService.Endpoint("10.0.0.2", 6443)));
    assertThat(s.path("metadata").path("labels").path("kubernetes.io/service-name").asText()).isEqualTo("kubernetes");
    assertThat(s.path("addressType").asText()).isEqualTo("IPv4");
    assertThat(s.path("endpoints").get(0).path("addresses").get(0).asText()).isEqualTo("10.0.0.1");
    assertThat(s.path("endpoints")).hasSize(2);
    assertThat(s.path("ports").get(0).path("port").asInt()).isEqualTo(6443);
    assertThat(KubernetesService.endpointSliceObject(List.of()).path("endpoints")).isEmpty();
  }

  @Test
  void serviceIsHttps443ToTheSecurePort() {
    ObjectNode svc = KubernetesService.service("10.43.0.1", 6443);
    assertThat(svc.path("spec").path("clusterIP").asText()).isEqualTo("10.43.0.1");
    assertThat(svc.path("spec").path("ports").get(0).toString())
        .isEqualTo("{\"name\":\"https\",\"port\":443,\"protocol\":\"TCP\",\"targetPort\":6443}");
    assertThat(svc.path("metadata").path("labels").path("provider").asText()).isEqualTo("kubernetes");
  }
}
