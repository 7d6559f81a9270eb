package io.j8s.api.validation;

import static io.j8s.api.validation.V.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceValidationTest {
  static ServiceBuilder svc(ServicePort... ports) {
    return new ServiceBuilder().withNewMetadata().withName("web").endMetadata()
        .withNewSpec().withSelector(Map.of("app", "web")).withPorts(ports).endSpec();
  }

  static ServicePortBuilder port(int p) { return new ServicePortBuilder().withPort(p); }

  static List<FieldError> errs(Service s) { return validate(s); }

  @Test
  void validServicesHaveNoErrors() {
    assertThat(errs(svc(port(80).withName("http").withTargetPort(new IntOrString(8080)).withProtocol("TCP").build(),
        port(443).withName("https").withTargetPort(new IntOrString("https")).build())
        .editSpec().withType("NodePort").withSessionAffinity("ClientIP").withExternalTrafficPolicy("Local").endSpec().build())).isEmpty();
    assertThat(errs(svc().editSpec().withClusterIP("None").endSpec().build())).as("headless without ports").isEmpty();
    assertThat(errs(svc().editSpec().withType("ExternalName").withExternalName("db.example.com").endSpec().build())).isEmpty();
    assertThat(errs(svc(port(53).withProtocol("UDP").build()).editSpec().withClusterIP("10.0.0.10").endSpec().build())).isEmpty();
  }

  @Test
  void portsRequiredUnlessHeadlessOrExternalName() {
    assertThat(errs(svc().build())).extracting(FieldError::kind, FieldError::field)
        .containsExactly(tuple(FieldError.Kind.REQUIRED, "spec.ports"));
    assertThat(errs(svc().editSpec().withType("ExternalName").endSpec().build())).extracting(FieldError::field)
        .containsExactly("spec.externalName");
  }

  @Test
  void badPortNumbers() {
    for (int bad : new int[] {0, 65536}) {
      assertThat(errs(svc(port(bad).build()).build())).extracting(FieldError::kind, FieldError::field, FieldError::value)
          .containsExactly(tuple(FieldError.Kind.INVALID, "spec.ports[0].port", bad));
    }
    assertThat(errs(svc(new ServicePortBuilder().build()).build())).extracting(FieldError::kind, FieldError::field)
        .containsExactly(tuple(FieldError.Kind.REQUIRED, "spec.ports[0].port"));
  }

  @Test
  void badTargetPorts() {
    assertThat(errs(svc(port(80).withTargetPort(new IntOrString(70000)).build()).build()))
        .extracting(FieldError::field, FieldError::value).containsExactly(tuple("spec.ports[0].targetPort", 70000));
    assertThat(errs(svc(port(80).withTargetPort(new IntOrString("Not_Valid")).build()).build()))
        .extracting(FieldError::field, FieldError::value).containsExactly(tuple("spec.ports[0].targetPort", "Not_Valid"));
    assertThat(errs(svc(port(80).withTargetPort(new IntOrString("http")).build()).build())).isEmpty();
  }

  @Test
  void badProtocolAndType() {
    assertThat(errs(svc(port(80).withProtocol("HTTP").build()).build()))
        .extracting(FieldError::kind, FieldError::field, FieldError::value)
        .containsExactly(tuple(FieldError.Kind.NOT_SUPPORTED, "spec.ports[0].protocol", "HTTP"));
    List<FieldError> t = errs(svc(port(80).build()).editSpec().withType("Ingress").endSpec().build());
    assertThat(t).extracting(FieldError::kind, FieldError::field)
        .containsExactly(tuple(FieldError.Kind.NOT_SUPPORTED, "spec.type"));
    assertThat(t.get(0).detail()).isEqualTo("supported values: \"ClusterIP\", \"NodePort\", \"LoadBalancer\", \"ExternalName\"");
    assertThat(errs(svc(port(80).build()).editSpec().withSessionAffinity("Sticky").endSpec().build()))
        .extracting(FieldError::field).containsExactly("spec.sessionAffinity");
  }

  @Test
  void multiplePortsNeedUniqueNamesAndPortProtocolPairs() {
    assertThat(errs(svc(port(80).build(), port(81).build()).build())).extracting(FieldError::kind, FieldError::field)
        .containsExactly(tuple(FieldError.Kind.REQUIRED, "spec.ports[0].name"), tuple(FieldError.Kind.REQUIRED, "spec.ports[1].name"));
    assertThat(errs(svc(port(80).withName("a").build(), port(81).withName("a").build()).build()))
        .extracting(FieldError::kind, FieldError::field).containsExactly(tuple(FieldError.Kind.DUPLICATE, "spec.ports[1].name"));
    assertThat(errs(svc(port(53).withName("dns").build(), port(53).withName("dns-tcp").withProtocol("TCP").build()).build()))
        .extracting(FieldError::kind, FieldError::field).containsExactly(tuple(FieldError.Kind.DUPLICATE, "spec.ports[1]"));
    assertThat(errs(svc(port(53).withName("dns").withProtocol("UDP").build(), port(53).withName("dns-tcp").build()).build())).isEmpty();
    assertThat(errs(svc(port(80).withName("Http").build()).build())).extracting(FieldError::field).containsExactly("spec.ports[0].name");
  }

  @Test
  void nodePorts() {
    assertThat(errs(svc(port(80).withNodePort(30080).build()).build())).extracting(FieldError::kind, FieldError::field)
        .containsExactly(tuple(FieldError.Kind.FORBIDDEN, "spec.ports[0].nodePort"));
    assertThat(errs(svc(port(80).withNodePort(70000).build()).editSpec().withType("NodePort").endSpec().build()))
        .extracting(FieldError::kind, FieldError::field, FieldError::value)
        .containsExactly(tuple(FieldError.Kind.INVALID, "spec.ports[0].nodePort", 70000));
    assertThat(errs(svc(port(80).withNodePort(80).build()).editSpec().withType("NodePort").endSpec().build()))
        .as("the NodePort range is configurable; the API server's allocator refuses ports outside it").isEmpty();
    assertThat(errs(svc(port(80).withNodePort(32767).build()).editSpec().withType("LoadBalancer").endSpec().build())).isEmpty();
  }

  @Test
  void clusterIpSyntaxAndImmutability() {
    assertThat(errs(svc(port(80).build()).editSpec().withClusterIP("10.0.0.256").endSpec().build()))
        .extracting(FieldError::field, FieldError::value).containsExactly(tuple("spec.clusterIP", "10.0.0.256"));
    assertThat(errs(svc(port(80).build()).editSpec().withClusterIP("fd00::1").endSpec().build())).isEmpty();
    Service old = svc(port(80).build()).editSpec().withClusterIP("10.0.0.1").endSpec().build();
    Service changed = svc(port(80).build()).editSpec().withClusterIP("10.0.0.2").endSpec().build();
    assertThat(validate(changed, old)).extracting(FieldError::field, FieldError::detail)
        .containsExactly(tuple("spec.clusterIP", "field is immutable"));
    assertThat(validate(old, old)).isEmpty();
  }

  @Test
  void externalTrafficPolicyOnlyForExposedTypes() {
    assertThat(errs(svc(port(80).build()).editSpec().withExternalTrafficPolicy("Local").endSpec().build()))
        .extracting(FieldError::kind, FieldError::field, FieldError::value, FieldError::detail)
        .containsExactly(tuple(FieldError.Kind.INVALID, "spec.externalTrafficPolicy", "Local", "may only be set for externally-accessible services"));
    assertThat(errs(svc(port(80).build()).editSpec().withExternalIPs("192.0.2.1").withExternalTrafficPolicy("Local").endSpec().build()))
        .as("a ClusterIP with externalIPs is externally accessible").isEmpty();
    assertThat(errs(svc(port(80).build()).editSpec().withType("NodePort").withExternalTrafficPolicy("Wrong").endSpec().build()))
        .extracting(FieldError::kind).containsExactly(FieldError.Kind.NOT_SUPPORTED);
  }

  @Test
  void selectorLabelsAreChecked() {
    assertThat(errs(svc(port(80).build()).editSpec().withSelector(Map.of("app", "-x")).endSpec().build()))
        .extracting(FieldError::field, FieldError::value).containsExactly(tuple("spec.selector", "-x"));
  }

  @Test
  void loadBalancerFieldsOnlyOnLoadBalancers() {
    Service cip = svc(port(80).build()).editSpec().withAllocateLoadBalancerNodePorts(true).withLoadBalancerClass("example.com/lb")
        .withLoadBalancerSourceRanges("10.0.0.0/8").endSpec().build();
    assertThat(errs(cip)).extracting(FieldError::kind, FieldError::field, FieldError::detail).containsExactlyInAnyOrder(
        tuple(FieldError.Kind.FORBIDDEN, "spec.allocateLoadBalancerNodePorts", "may only be used when `type` is 'LoadBalancer'"),
        tuple(FieldError.Kind.FORBIDDEN, "spec.loadBalancerClass", "may only be used when `type` is 'LoadBalancer'"),
        tuple(FieldError.Kind.FORBIDDEN, "spec.LoadBalancerSourceRanges", "may only be used when `type` is 'LoadBalancer'"));
    Service lb = svc(port(80).build()).editSpec().withType("LoadBalancer").withAllocateLoadBalancerNodePorts(true)
        .withLoadBalancerClass("example.com/lb").withLoadBalancerSourceRanges("10.0.0.0/8").endSpec().build();
    assertThat(errs(lb)).isEmpty();
    Service otherClass = svc(port(80).build()).editSpec().withType("LoadBalancer").withLoadBalancerClass("other/lb").endSpec().build();
    assertThat(validate(otherClass, lb)).extracting(FieldError::field, FieldError::detail)
        .containsExactly(tuple("spec.loadBalancerClass", "may not change once set"));
  }

  @Test
  void healthCheckNodePortIsImmutableWhileNeeded() {
    Service local = svc(port(80).build()).editSpec().withType("LoadBalancer").withExternalTrafficPolicy("Local")
        .withHealthCheckNodePort(30999).endSpec().build();
    Service moved = svc(port(80).build()).editSpec().withType("LoadBalancer").withExternalTrafficPolicy("Local")
        .withHealthCheckNodePort(30998).endSpec().build();
    assertThat(validate(moved, local)).extracting(FieldError::kind, FieldError::field, FieldError::value, FieldError::detail)
        .containsExactly(tuple(FieldError.Kind.INVALID, "spec.healthCheckNodePort", 30998, "field is immutable"));
    assertThat(validate(local, local)).isEmpty();
    Service cluster = svc(port(80).build()).editSpec().withType("LoadBalancer").withExternalTrafficPolicy("Cluster").endSpec().build();
    assertThat(validate(cluster, local)).as("no longer needs one").isEmpty();
  }
}
