package io.j8s.proxy.tracker;

import static io.j8s.proxy.testing.Objects.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServicePortsTest {
  @Test void clusterIPServiceGivesOnePortPerSpecPort() {
    Service svc = service("ns", "web", "10.43.0.5", 80).editSpec().addNewPort().withName("dns").withPort(53).withProtocol("UDP")
        .endPort().endSpec().build();
    List<ServicePort> ports = ServicePorts.of(svc);
    assertThat(ports).extracting(ServicePort::name).containsExactly(
        ServicePortName.of("ns", "web", "http", "TCP"), ServicePortName.of("ns", "web", "dns", "UDP"));
    ServicePort p = ports.get(0);
    assertThat(p.clusterIP()).isEqualTo("10.43.0.5");
    assertThat(p.port()).isEqualTo(80);
    assertThat(p.nodePort()).isZero();
    assertThat(p.clientIPAffinity()).isFalse();
    assertThat(p.externallyAccessible()).isFalse();
    assertThat(p.usesClusterEndpoints()).isTrue();
    assertThat(p.usesLocalEndpoints()).isFalse();
    assertThat(p.name()).hasToString("ns/web:http");
  }

  @Test void ignoredServices() {
    assertThat(ServicePorts.of(service("ns", "h", "None", 80).build())).isEmpty();
    assertThat(ServicePorts.of(service("ns", "h", "", 80).editSpec().withClusterIPs().endSpec().build())).isEmpty();
    assertThat(ServicePorts.of(service("ns", "x", "10.43.0.1", 80).editSpec().withType("ExternalName").endSpec().build())).isEmpty();
    assertThat(ServicePorts.of(service("ns", "o", "10.43.0.1", 80).editMetadata()
        .addToLabels(ServicePorts.PROXY_NAME_LABEL, "other").endMetadata().build())).isEmpty();
    assertThat(ServicePorts.of(service("ns", "v6", "fd00::1", 80).editSpec().withClusterIPs("fd00::1").endSpec().build())).isEmpty();
  }

  @Test void dualStackKeepsTheIpv4ClusterIP() {
    Service svc = service("ns", "d", "fd00::1", 80).editSpec().withClusterIPs("fd00::1", "10.43.0.9").endSpec().build();
    assertThat(ServicePorts.of(svc).get(0).clusterIP()).isEqualTo("10.43.0.9");
  }

  @Test void nodePortOnlyForNodePortAndLoadBalancerTypes() {
    Service clusterIP = service("ns", "a", "10.43.0.1", 80).editSpec().editFirstPort().withNodePort(30080).endPort().endSpec().build();
    assertThat(ServicePorts.of(clusterIP).get(0).nodePort()).isZero();
    Service np = service("ns", "a", "10.43.0.1", 80).editSpec().withType("NodePort").editFirstPort().withNodePort(30080).endPort()
        .endSpec().build();
    assertThat(ServicePorts.of(np).get(0).nodePort()).isEqualTo(30080);
    assertThat(ServicePorts.of(np).get(0).externallyAccessible()).isTrue();
  }

  @Test void loadBalancerIngressSourceRangesAndHealthCheck() {
    ServiceBuilder b = service("ns", "lb", "10.43.0.1", 80).editSpec().withType("LoadBalancer").editFirstPort().withNodePort(31000)
        .endPort().withExternalTrafficPolicy("Local").withHealthCheckNodePort(32000)
        .withLoadBalancerSourceRanges("192.168.0.0/16", "fd00::/8").endSpec()
        .withNewStatus().withNewLoadBalancer().withIngress(new LoadBalancerIngressBuilder().withIp("172.16.0.1").build(),
            new LoadBalancerIngressBuilder().withHostname("lb.example").build()).endLoadBalancer().endStatus();
    ServicePort p = ServicePorts.of(b.build()).get(0);
    assertThat(p.loadBalancerIPs()).containsExactly("172.16.0.1");
    assertThat(p.loadBalancerSourceRanges()).containsExactly("192.168.0.0/16");
    assertThat(p.externalPolicyLocal()).isTrue();
    assertThat(p.healthCheckNodePort()).isEqualTo(32000);
    assertThat(p.usesLocalEndpoints()).isTrue();
    assertThat(p.usesClusterEndpoints()).isTrue();
  }

  @Test void externalPolicyLocalIgnoredWhenNotExternallyReachable() {
    ServicePort p = ServicePorts.of(service("ns", "a", "10.43.0.1", 80).editSpec().withExternalTrafficPolicy("Local").endSpec()
        .build()).get(0);
    assertThat(p.externalPolicyLocal()).isFalse();
    assertThat(p.usesLocalEndpoints()).isFalse();
  }

  @Test void externalIPsMakeAServiceExternallyReachable() {
    ServicePort p = ServicePorts.of(service("ns", "a", "10.43.0.1", 80).editSpec().withExternalIPs("192.168.9.9", "fd00::9")
        .withExternalTrafficPolicy("Local").endSpec().build()).get(0);
    assertThat(p.externalIPs()).containsExactly("192.168.9.9");
    assertThat(p.externalPolicyLocal()).isTrue();
    assertThat(p.healthCheckNodePort()).isZero();
  }

  @Test void internalPolicyLocalUsesOnlyLocalEndpoints() {
    ServicePort p = ServicePorts.of(service("ns", "a", "10.43.0.1", 80).editSpec().withInternalTrafficPolicy("Local").endSpec()
        .build()).get(0);
    assertThat(p.internalPolicyLocal()).isTrue();
    assertThat(p.usesClusterEndpoints()).isFalse();
    assertThat(p.usesLocalEndpoints()).isTrue();
  }

  @Test void clientIPAffinityDefaultsToThreeHours() {
    ServicePort p = ServicePorts.of(service("ns", "a", "10.43.0.1", 80).editSpec().withSessionAffinity("ClientIP").endSpec()
        .build()).get(0);
    assertThat(p.clientIPAffinity()).isTrue();
    assertThat(p.stickyMaxAgeSeconds()).isEqualTo(10800);
    ServicePort q = ServicePorts.of(service("ns", "a", "10.43.0.1", 80).editSpec().withSessionAffinity("ClientIP")
        .withNewSessionAffinityConfig().withNewClientIP().withTimeoutSeconds(60).endClientIP().endSessionAffinityConfig()
        .endSpec().build()).get(0);
    assertThat(q.stickyMaxAgeSeconds()).isEqualTo(60);
  }

  @Test void unnamedPortPrintsWithoutColon() {
    ServicePort p = ServicePorts.of(service("ns", "a", "10.43.0.1", 80).editSpec().editFirstPort().withName(null).endPort().endSpec()
        .build()).get(0);
    assertThat(p.name()).hasToString("ns/a");
  }
}
