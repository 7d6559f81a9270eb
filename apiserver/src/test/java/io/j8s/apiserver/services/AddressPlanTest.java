package io.j8s.apiserver.services;

import static io.j8s.apiserver.services.Svc.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AddressPlanTest {
  static final ServiceIpRange IPS = ServiceIpRange.parse("10.43.0.0/16");
  static final NodePortRange PORTS = NodePortRange.parse("30000-32767");

  static AddressPlan create(String spec) { return AddressPlan.of(fields("s", spec), null, IPS, PORTS); }

  static AddressPlan update(String oldSpec, String newSpec) {
    return AddressPlan.of(fields("s", newSpec), fields("s", oldSpec), IPS, PORTS);
  }

  @Test
  void clusterIpServiceWithoutAddressGetsADynamicOne() {
    AddressPlan p = create("{type:'ClusterIP',ports:[{port:80}]}");
    assertThat(p.ip()).isEqualTo(Want.DYNAMIC);
    assertThat(p.ports()).containsExactly(Want.NONE);
    assertThat(p.healthCheck()).isEqualTo(Want.NONE);
    assertThat(p.problems()).isEmpty();
    assertThat(p.idle()).isFalse();
  }

  @Test
  void explicitAddressInRangeIsRequested() {
    assertThat(create("{clusterIP:'10.43.0.10',ports:[{port:53}]}").ip()).isEqualTo(new Want.Explicit("10.43.0.10"));
    assertThat(create("{clusterIPs:['10.43.0.10'],ports:[{port:53}]}").ip()).isEqualTo(new Want.Explicit("10.43.0.10"));
  }

  @Test
  void explicitAddressOutsideTheRangeIsRefusedInUpstreamWords() {
    AddressPlan p = create("{clusterIP:'10.44.0.5',ports:[{port:80}]}");
    assertThat(p.problems()).containsExactly(new Problem("FieldValueInvalid", "spec.clusterIPs",
        "Invalid value: []string{\"10.44.0.5\"}: failed to allocate IP 10.44.0.5: provided IP is not in the valid range. "
            + "The range of valid IPs is 10.43.0.0/16"));
    assertThat(create("{clusterIP:'10.43.255.255',ports:[{port:80}]}").problems()).as("broadcast").hasSize(1);
    assertThat(create("{clusterIP:'fd00::1',ports:[{port:80}]}").problems()).as("IPv6 on an IPv4 cluster").hasSize(1);
  }

  @Test
  void clusterIpAndClusterIpsMustAgree() {
    assertThat(create("{clusterIP:'10.43.0.10',clusterIPs:['10.43.0.11'],ports:[{port:80}]}").problems())
        .extracting(Problem::field, Problem::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("spec.clusterIPs[0]",
            "Invalid value: \"10.43.0.11\": must match `clusterIP` if specified"));
  }

  @Test
  void headlessAndExternalNameGetNoAddress() {
    assertThat(create("{clusterIP:'None',ports:[{port:80}]}").ip()).isEqualTo(Want.NONE);
    assertThat(create("{clusterIP:'None'}").idle()).isTrue();
    assertThat(create("{type:'ExternalName',externalName:'db.example.com'}").ip()).isEqualTo(Want.NONE);
  }

  @Test
  void nodePortServiceGetsOnePortPerPortNumber() {
    AddressPlan p = create("{type:'NodePort',ports:[{name:'dns',port:53,protocol:'UDP'},{name:'dnstcp',port:53,protocol:'TCP'},"
        + "{name:'web',port:80,nodePort:30080},{name:'x',port:81}]}");
    assertThat(p.ports()).containsExactly(Want.DYNAMIC, new Want.SameAs(0), new Want.Explicit("30080"), Want.DYNAMIC);
    assertThat(p.problems()).isEmpty();
  }

  @Test
  void explicitNodePortOutsideTheRangeIsRefused() {
    AddressPlan p = create("{type:'NodePort',ports:[{port:80,nodePort:80}]}");
    assertThat(p.problems()).containsExactly(new Problem("FieldValueInvalid", "spec.ports[0].nodePort",
        "Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767"));
    AddressPlan custom = AddressPlan.of(fields("s", "{type:'NodePort',ports:[{port:80,nodePort:80}]}"), null, IPS,
        NodePortRange.parse("1-1000"));
    assertThat(custom.problems()).isEmpty();
    assertThat(custom.ports()).containsExactly(new Want.Explicit("80"));
  }

  @Test
  void sameExplicitNodePortTwiceIsADuplicateUnlessTheProtocolsDiffer() {
    assertThat(create("{type:'NodePort',ports:[{name:'a',port:80,nodePort:30080},{name:'b',port:81,nodePort:30080}]}").problems())
        .extracting(Problem::reason, Problem::field).containsExactly(
            org.assertj.core.groups.Tuple.tuple("FieldValueDuplicate", "spec.ports[1].nodePort"));
    AddressPlan shared = create("{type:'NodePort',ports:[{name:'a',port:53,nodePort:30053,protocol:'UDP'},"
        + "{name:'b',port:53,nodePort:30053,protocol:'TCP'}]}");
    assertThat(shared.problems()).isEmpty();
    assertThat(shared.ports()).containsExactly(new Want.Explicit("30053"), new Want.SameAs(0));
  }

  @Test
  void loadBalancerPortsAndHealthCheck() {
    AddressPlan local = create("{type:'LoadBalancer',externalTrafficPolicy:'Local',ports:[{port:80}]}");
    assertThat(local.ports()).containsExactly(Want.DYNAMIC);
    assertThat(local.healthCheck()).isEqualTo(Want.DYNAMIC);
    AddressPlan explicit = create("{type:'LoadBalancer',externalTrafficPolicy:'Local',healthCheckNodePort:30999,ports:[{port:80}]}");
    assertThat(explicit.healthCheck()).isEqualTo(new Want.Explicit("30999"));
    AddressPlan noPorts = create("{type:'LoadBalancer',allocateLoadBalancerNodePorts:false,ports:[{port:80},{port:81,nodePort:30081}]}");
    assertThat(noPorts.ports()).containsExactly(Want.NONE, new Want.Explicit("30081"));
    assertThat(noPorts.healthCheck()).as("Cluster policy needs no health check").isEqualTo(Want.NONE);
    assertThat(create("{type:'NodePort',externalTrafficPolicy:'Local',ports:[{port:80}]}").healthCheck())
        .as("upstream's NeedsHealthCheck: LoadBalancer only").isEqualTo(Want.NONE);
  }

  @Test
  void healthCheckNodePortOnlyForLocalLoadBalancers() {
    assertThat(create("{type:'NodePort',healthCheckNodePort:30999,ports:[{port:80}]}").problems())
        .extracting(Problem::field).containsExactly("spec.healthCheckNodePort");
    assertThat(create("{type:'LoadBalancer',externalTrafficPolicy:'Local',healthCheckNodePort:99,ports:[{port:80}]}").problems())
        .extracting(Problem::field).containsExactly("spec.healthCheckNodePort");
  }

  @Test
  void unchangedUpdateKeepsEverythingAndReleasesNothing() {
    String spec = "{type:'LoadBalancer',externalTrafficPolicy:'Local',healthCheckNodePort:30999,clusterIP:'10.43.7.7',"
        + "clusterIPs:['10.43.7.7'],ports:[{name:'a',port:80,nodePort:30080},{name:'b',port:81,nodePort:30081}]}";
    AddressPlan p = update(spec, spec);
    assertThat(p.ip()).isEqualTo(new Want.Keep("10.43.7.7"));
    assertThat(p.ports()).containsExactly(new Want.Keep("30080"), new Want.Keep("30081"));
    assertThat(p.healthCheck()).isEqualTo(new Want.Keep("30999"));
    assertThat(p.releaseIps()).isEmpty();
    assertThat(p.releasePorts()).isEmpty();
    assertThat(p.idle()).isTrue();
  }

  @Test
  void swappingNodePortsBetweenPortsKeepsBoth() {
    AddressPlan p = update("{type:'NodePort',clusterIP:'10.43.7.7',ports:[{name:'a',port:80,nodePort:30080},{name:'b',port:81,nodePort:30081}]}",
        "{type:'NodePort',clusterIP:'10.43.7.7',ports:[{name:'a',port:80,nodePort:30081},{name:'b',port:81,nodePort:30080}]}");
    assertThat(p.ports()).containsExactly(new Want.Keep("30081"), new Want.Keep("30080"));
    assertThat(p.releasePorts()).isEmpty();
  }

  @Test
  void changedNodePortIsClaimedAndTheOldOneReleasedAfterwards() {
    AddressPlan p = update("{type:'NodePort',clusterIP:'10.43.7.7',ports:[{port:80,nodePort:30080}]}",
        "{type:'NodePort',clusterIP:'10.43.7.7',ports:[{port:80,nodePort:30090}]}");
    assertThat(p.ports()).containsExactly(new Want.Explicit("30090"));
    assertThat(p.releasePorts()).containsExactly(30080);
  }

  @Test
  void typeChangesRelease() {
    AddressPlan toClusterIp = update("{type:'NodePort',clusterIP:'10.43.7.7',ports:[{port:80,nodePort:30080}]}",
        "{type:'ClusterIP',clusterIP:'10.43.7.7',ports:[{port:80}]}");
    assertThat(toClusterIp.releasePorts()).containsExactly(30080);
    assertThat(toClusterIp.ip()).isEqualTo(new Want.Keep("10.43.7.7"));
    AddressPlan toExternal = update("{type:'ClusterIP',clusterIP:'10.43.7.7',ports:[{port:80}]}",
        "{type:'ExternalName',externalName:'x.example.com',ports:[{port:80}]}");
    assertThat(toExternal.releaseIps()).containsExactly("10.43.7.7");
    assertThat(toExternal.ip()).isEqualTo(Want.NONE);
    AddressPlan fromExternal = update("{type:'ExternalName',externalName:'x.example.com'}", "{type:'ClusterIP',ports:[{port:80}]}");
    assertThat(fromExternal.ip()).isEqualTo(Want.DYNAMIC);
    AddressPlan noLongerLocal = update(
        "{type:'LoadBalancer',externalTrafficPolicy:'Local',healthCheckNodePort:30999,clusterIP:'10.43.7.7',ports:[{port:80,nodePort:30080}]}",
        "{type:'LoadBalancer',externalTrafficPolicy:'Cluster',clusterIP:'10.43.7.7',ports:[{port:80,nodePort:30080}]}");
    assertThat(noLongerLocal.releasePorts()).containsExactly(30999);
  }

  @Test
  void legacyServiceWithoutAddressGetsOneOnUpdate() {
    assertThat(update("{type:'ClusterIP',ports:[{port:80}]}", "{type:'ClusterIP',ports:[{port:80}]}").ip()).isEqualTo(Want.DYNAMIC);
  }

  @Test
  void goStringsRendering() {
    assertThat(Problem.goStrings(List.of("a", "b"))).isEqualTo("[]string{\"a\", \"b\"}");
  }
}
