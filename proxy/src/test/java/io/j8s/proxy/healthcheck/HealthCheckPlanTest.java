package io.j8s.proxy.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import io.j8s.proxy.state.ServiceRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthCheckPlanTest {
  static final String NODE = "node-a";
  static final ServicePortName HTTP = ServicePortName.of("ns", "web", "http", "TCP");
  static final ServicePortName HTTPS = ServicePortName.of("ns", "web", "https", "TCP");
  static final ServicePortName OTHER = ServicePortName.of("ns", "other", "", "TCP");

  static ServicePort lbLocal(ServicePortName n, String ip, int port, int nodePort, int hc) {
    return ServicePort.clusterIP(n, ip, port).withNodePort(nodePort).withExternal(List.of(), List.of("10.88.219.1"), List.of())
        .withPolicies(true, false, hc);
  }

  static Endpoint ep(String ip, int port, String node, boolean ready, boolean terminating) {
    return new Endpoint(ip, port, ready, true, terminating, node, "");
  }

  @Test void countsDistinctReadyLocalAddressesOverAllPorts() {
    Map<ServicePortName, ServicePort> svcs = Map.of(HTTP, lbLocal(HTTP, "10.43.0.5", 80, 30080, 32000),
        HTTPS, lbLocal(HTTPS, "10.43.0.5", 443, 30443, 32000));
    Map<ServicePortName, List<Endpoint>> eps = Map.of(
        HTTP, List.of(ep("10.42.0.5", 8080, NODE, true, false), ep("10.42.0.6", 8080, NODE, false, true),
            ep("10.42.1.5", 8080, "node-b", true, false), ep("10.42.0.7", 8080, NODE, true, false)),
        HTTPS, List.of(ep("10.42.0.5", 8443, NODE, true, false), ep("10.42.0.8", 8443, NODE, true, false)));
    HealthCheckPlan plan = HealthCheckPlan.of(ProxyState.of(svcs, eps), NODE);
    assertThat(plan.ports()).containsExactly(Map.entry(32000, new HealthCheckPlan.Entry(new ServiceRef("ns", "web"), 3)));
    assertThat(plan.conflicts()).isEmpty();
  }

  @Test void noLocalEndpointsIsZeroAndOtherNodesSeeTheirOwn() {
    ServicePort p = lbLocal(HTTP, "10.43.0.5", 80, 30080, 32000);
    ProxyState s = ProxyState.of(Map.of(HTTP, p), Map.of(HTTP, List.of(ep("10.42.1.5", 8080, "node-b", true, false))));
    assertThat(HealthCheckPlan.of(s, NODE).ports().get(32000).localEndpoints()).isZero();
    assertThat(HealthCheckPlan.of(s, "node-b").ports().get(32000).localEndpoints()).isEqualTo(1);
    ProxyState none = ProxyState.of(Map.of(HTTP, p), Map.of());
    assertThat(HealthCheckPlan.of(none, NODE).ports().get(32000).localEndpoints()).isZero();
  }

  @Test void onlyServicesWithAHealthCheckPort() {
    Map<ServicePortName, ServicePort> svcs = new HashMap<>();
    svcs.put(HTTP, ServicePort.clusterIP(HTTP, "10.43.0.5", 80).withNodePort(30080));
    svcs.put(OTHER, lbLocal(OTHER, "10.43.0.6", 80, 30081, 0));
    assertThat(HealthCheckPlan.of(ProxyState.of(svcs, Map.of()), NODE)).isEqualTo(HealthCheckPlan.EMPTY);
  }

  @Test void aPortClaimedTwiceGoesToTheFirstServiceAndIsReported() {
    Map<ServicePortName, ServicePort> svcs = Map.of(HTTP, lbLocal(HTTP, "10.43.0.5", 80, 30080, 32000),
        OTHER, lbLocal(OTHER, "10.43.0.6", 80, 30081, 32000));
    HealthCheckPlan plan = HealthCheckPlan.of(ProxyState.of(svcs, Map.of()), NODE);
    assertThat(plan.ports().get(32000).service()).isEqualTo(new ServiceRef("ns", "other"));
    assertThat(plan.conflicts()).singleElement().asString().contains("32000").contains("ns/web").contains("ns/other");
  }

  @Test void answersAsUpstream() {
    HealthCheckPlan.Entry three = new HealthCheckPlan.Entry(new ServiceRef("ns", "web"), 3);
    HealthCheckPlan.Entry zero = new HealthCheckPlan.Entry(new ServiceRef("ns", "we\"b"), 0);
    assertThat(HealthCheckPlan.status(three, true)).isEqualTo(200);
    assertThat(HealthCheckPlan.status(three, false)).isEqualTo(503);
    assertThat(HealthCheckPlan.status(zero, true)).isEqualTo(503);
    assertThat(HealthCheckPlan.body(three, true))
        .isEqualTo("{\"service\":{\"namespace\":\"ns\",\"name\":\"web\"},\"localEndpoints\":3,\"serviceProxyHealthy\":true}");
    assertThat(HealthCheckPlan.body(zero, false))
        .isEqualTo("{\"service\":{\"namespace\":\"ns\",\"name\":\"we\\\"b\"},\"localEndpoints\":0,\"serviceProxyHealthy\":false}");
  }
}
