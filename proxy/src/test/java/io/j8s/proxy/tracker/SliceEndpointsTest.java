package io.j8s.proxy.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ServicePortName;
import io.j8s.proxy.testing.Objects;
import java.util.List;
import org.junit.jupiter.api.Test;

class SliceEndpointsTest {
  @Test void conditionsDefaultAsUpstream() {
    EndpointSlice s = new EndpointSliceBuilder(Objects.slice("ns", "web", "web-1", 8080, "n1", List.of()))
        .addNewEndpoint().withAddresses("10.42.0.1").endEndpoint()
        .addNewEndpoint().withAddresses("10.42.0.2").withNewConditions().withReady(false).endConditions().endEndpoint()
        .addNewEndpoint().withAddresses("10.42.0.3").withNodeName("n2").withZone("z")
        .withNewConditions().withReady(false).withServing(true).withTerminating(true).endConditions().endEndpoint()
        .addNewEndpoint().endEndpoint()
        .build();
    SliceEndpoints e = SliceEndpoints.of(s);
    assertThat(e.service()).hasToString("ns/web");
    assertThat(e.ports().get(ServicePortName.of("ns", "web", "http", "TCP"))).containsExactly(
        new Endpoint("10.42.0.1", 8080, true, true, false, "", ""),
        new Endpoint("10.42.0.2", 8080, false, false, false, "", ""),
        new Endpoint("10.42.0.3", 8080, false, true, true, "n2", "z"));
  }

  @Test void ignoredSlices() {
    EndpointSlice noLabel = new EndpointSliceBuilder(Objects.slice("ns", "web", "s", 80, "n", List.of("10.42.0.1")))
        .editMetadata().withLabels(null).endMetadata().build();
    assertThat(SliceEndpoints.of(noLabel).service()).isNull();
    EndpointSlice v6 = new EndpointSliceBuilder(Objects.slice("ns", "web", "s", 80, "n", List.of("fd00::1")))
        .withAddressType("IPv6").build();
    assertThat(SliceEndpoints.of(v6).service()).isNull();
  }
}
