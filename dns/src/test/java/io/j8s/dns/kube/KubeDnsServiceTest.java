package io.j8s.dns.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.j8s.dns.zone.ClusterSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubeDnsServiceTest {
  @Test
  void theTenthAddressOfTheServiceRange() {
    assertThat(KubeDnsService.tenthAddress("10.43.0.0/16")).isEqualTo("10.43.0.10");
    assertThat(KubeDnsService.tenthAddress("10.96.0.0/12")).isEqualTo("10.96.0.10");
    assertThat(KubeDnsService.tenthAddress("192.168.255.250/24")).isEqualTo("192.169.0.4");
    assertThat(KubeDnsService.tenthAddress("fd00:43::/112")).isEqualTo("fd00:43:0:0:0:0:0:a");
    assertThatThrownBy(() -> KubeDnsService.tenthAddress("nowhere/16")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void serviceAndSliceAsUpstreamsKubeDns() {
    var svc = KubeDnsService.service("10.43.0.10");
    assertThat(svc.getMetadata().getNamespace()).isEqualTo("kube-system");
    assertThat(svc.getMetadata().getName()).isEqualTo("kube-dns");
    assertThat(svc.getMetadata().getLabels()).containsEntry("k8s-app", "kube-dns");
    assertThat(svc.getSpec().getSelector()).isNullOrEmpty();
    assertThat(svc.getSpec().getClusterIP()).isEqualTo("10.43.0.10");
    assertThat(svc.getSpec().getPorts()).extracting(p -> p.getName() + " " + p.getPort() + "/" + p.getProtocol())
        .containsExactly("dns 53/UDP", "dns-tcp 53/TCP", "metrics 9153/TCP");
    svc.getMetadata().setUid("u-1");
    var slice = KubeDnsService.slice("192.0.2.7", "node-a", svc);
    assertThat(slice.getMetadata().getLabels()).containsEntry(ClusterSnapshot.SERVICE_NAME_LABEL, "kube-dns")
        .containsEntry("endpointslice.kubernetes.io/managed-by", "j8s-dns");
    assertThat(slice.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> assertThat(o.getUid()).isEqualTo("u-1"));
    assertThat(slice.getEndpoints()).singleElement().satisfies(e -> {
      assertThat(e.getAddresses()).containsExactly("192.0.2.7");
      assertThat(e.getConditions().getReady()).isTrue();
      assertThat(e.getNodeName()).isEqualTo("node-a");
    });
    assertThat(slice.getPorts()).extracting(EndpointPort::getName).containsExactlyElementsOf(
        svc.getSpec().getPorts().stream().map(ServicePort::getName).toList());
    // the DNS answers for its own Service like for any other
    var snap = ClusterSnapshot.of(List.of(svc), List.of(slice), 1);
    assertThat(snap.service("kube-dns", "kube-system").clusterIps()).containsExactly("10.43.0.10");
  }
}
