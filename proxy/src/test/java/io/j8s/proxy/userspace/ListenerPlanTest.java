package io.j8s.proxy.userspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import io.j8s.proxy.userspace.ListenerKey.Scope;
import io.j8s.proxy.userspace.Portal.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListenerPlanTest {
  static final ServicePortName WEB = ServicePortName.of("ns", "web", "http", "TCP");
  static final ServicePortName DNS = ServicePortName.of("ns", "dns", "dns", "UDP");
  static final ServicePortName SCTP = ServicePortName.of("ns", "sig", "s", "SCTP");
  static final Endpoint A = Endpoint.ready("10.1.0.1", 8080, "node");
  static final Endpoint B = Endpoint.ready("10.1.0.2", 8080, "other");
  static final Endpoint NOT_READY = new Endpoint("10.1.0.3", 8080, false, false, false, "node", "");
  static final Endpoint TERMINATING = new Endpoint("10.1.0.4", 8080, false, true, true, "node", "");

  static ListenerPlan plan(Map<ServicePortName, ServicePort> svcs, Map<ServicePortName, List<Endpoint>> eps) {
    return ListenerPlan.of(ProxyState.of(svcs, eps), "node");
  }

  @Test void oneListenerPerTcpAndUdpServicePortAndNoneForSctp() {
    ListenerPlan p = plan(Map.of(WEB, ServicePort.clusterIP(WEB, "10.96.0.10", 80), DNS, ServicePort.clusterIP(DNS, "10.96.0.53", 53),
        SCTP, ServicePort.clusterIP(SCTP, "10.96.0.99", 9)), Map.of(WEB, List.of(A, B), DNS, List.of(A), SCTP, List.of(A)));
    assertThat(p.listeners().keySet()).containsExactly(new ListenerKey(DNS, Scope.INTERNAL), new ListenerKey(WEB, Scope.INTERNAL));
    ListenerSpec web = p.listeners().get(new ListenerKey(WEB, Scope.INTERNAL));
    assertThat(web.protocol()).isEqualTo("TCP");
    assertThat(web.udp()).isFalse();
    assertThat(web.portals()).containsExactly(new Portal(Kind.CLUSTER_IP, "10.96.0.10", 80));
    assertThat(web.endpoints()).containsExactly(A, B);
    assertThat(web.anyEndpoints()).isTrue();
    assertThat(web.affinitySeconds()).isZero();
    assertThat(p.listeners().get(new ListenerKey(DNS, Scope.INTERNAL)).udp()).isTrue();
  }

  @Test void externalAddressesShareTheListenerWhenPoliciesAgree() {
    ServicePort sp = ServicePort.clusterIP(WEB, "10.96.0.10", 80).withNodePort(30080)
        .withExternal(List.of("192.0.2.1"), List.of("198.51.100.7"), List.of());
    ListenerSpec s = plan(Map.of(WEB, sp), Map.of(WEB, List.of(A, B))).listeners().get(new ListenerKey(WEB, Scope.INTERNAL));
    assertThat(s.portals()).containsExactly(new Portal(Kind.CLUSTER_IP, "10.96.0.10", 80), new Portal(Kind.EXTERNAL_IP, "192.0.2.1", 80),
        new Portal(Kind.LOAD_BALANCER, "198.51.100.7", 80), Portal.nodePort(30080));
    assertThat(s.endpoints()).containsExactly(A, B);
  }

  @Test void externalLocalPolicyGetsItsOwnListenerWithTheLocalEndpoints() {
    ServicePort sp = ServicePort.clusterIP(WEB, "10.96.0.10", 80).withNodePort(30080).withPolicies(true, false, 31000);
    ListenerPlan p = plan(Map.of(WEB, sp), Map.of(WEB, List.of(A, B)));
    assertThat(p.listeners()).hasSize(2);
    ListenerSpec in = p.listeners().get(new ListenerKey(WEB, Scope.INTERNAL));
    ListenerSpec ex = p.listeners().get(new ListenerKey(WEB, Scope.EXTERNAL));
    assertThat(in.portals()).containsExactly(new Portal(Kind.CLUSTER_IP, "10.96.0.10", 80));
    assertThat(in.endpoints()).containsExactly(A, B);
    assertThat(ex.portals()).containsExactly(Portal.nodePort(30080));
    assertThat(ex.endpoints()).containsExactly(A);
  }

  @Test void internalLocalPolicyWithoutLocalEndpointsHasEmptyListButEndpointsElsewhere() {
    ServicePort sp = ServicePort.clusterIP(WEB, "10.96.0.10", 80).withPolicies(false, true, 0);
    ListenerSpec s = plan(Map.of(WEB, sp), Map.of(WEB, List.of(B))).listeners().get(new ListenerKey(WEB, Scope.INTERNAL));
    assertThat(s.endpoints()).isEmpty();
    assertThat(s.anyEndpoints()).isTrue();
  }

  @Test void bothLocalPoliciesShareOneLocalListener() {
    ServicePort sp = ServicePort.clusterIP(WEB, "10.96.0.10", 80).withNodePort(30080).withPolicies(true, true, 0);
    ListenerPlan p = plan(Map.of(WEB, sp), Map.of(WEB, List.of(A, B)));
    assertThat(p.listeners()).hasSize(1);
    assertThat(p.listeners().get(new ListenerKey(WEB, Scope.INTERNAL)).endpoints()).containsExactly(A);
  }

  @Test void readyEndpointsOnlyAndTerminatingOnlyWhenNoneIsReady() {
    ServicePort sp = ServicePort.clusterIP(WEB, "10.96.0.10", 80);
    assertThat(plan(Map.of(WEB, sp), Map.of(WEB, List.of(A, NOT_READY, TERMINATING))).listeners().values().iterator().next().endpoints())
        .containsExactly(A);
    ListenerSpec s = plan(Map.of(WEB, sp), Map.of(WEB, List.of(NOT_READY, TERMINATING))).listeners().values().iterator().next();
    assertThat(s.endpoints()).containsExactly(TERMINATING);
    ListenerSpec none = plan(Map.of(WEB, sp), Map.of(WEB, List.of(NOT_READY))).listeners().values().iterator().next();
    assertThat(none.endpoints()).isEmpty();
    assertThat(none.anyEndpoints()).isFalse();
  }

  @Test void affinityTimeoutAndNoEndpoints() {
    ServicePort sp = ServicePort.clusterIP(WEB, "10.96.0.10", 80).withAffinity(600);
    ListenerSpec s = plan(Map.of(WEB, sp), Map.of()).listeners().get(new ListenerKey(WEB, Scope.INTERNAL));
    assertThat(s.affinitySeconds()).isEqualTo(600);
    assertThat(s.endpoints()).isEmpty();
    assertThat(s.anyEndpoints()).isFalse();
  }

  @Test void allClusterIPsArePortalsOnce() {
    ServicePort sp = new ServicePort(WEB, "10.96.0.10", List.of("10.96.0.10", "10.96.0.11"), 80, 0, List.of(), List.of(), List.of(), false,
        0, false, false, 0);
    assertThat(plan(Map.of(WEB, sp), Map.of()).listeners().values().iterator().next().portals())
        .containsExactly(new Portal(Kind.CLUSTER_IP, "10.96.0.10", 80), new Portal(Kind.CLUSTER_IP, "10.96.0.11", 80));
  }
}
