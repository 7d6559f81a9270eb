package io.j8s.apiserver.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class UpdatePrepTest {
  static final String STORED = "{type:'NodePort',clusterIP:'10.43.7.7',clusterIPs:['10.43.7.7'],ipFamilies:['IPv4'],"
      + "ipFamilyPolicy:'SingleStack',ports:[{name:'a',port:80,nodePort:30080},{name:'b',port:81,nodePort:30081}]}";

  static ObjectNode prep(String oldSpec, String newSpec) {
    ObjectNode next = Svc.of("s", newSpec);
    UpdatePrep.apply(next, Svc.of("s", oldSpec));
    return (ObjectNode) next.get("spec");
  }

  @Test
  void reappliedManifestGetsTheAllocatedValuesBack() {
    ObjectNode s = prep(STORED, "{type:'NodePort',ports:[{name:'a',port:80},{name:'b',port:81}]}");
    assertThat(s.path("clusterIP").asText()).isEqualTo("10.43.7.7");
    assertThat(s.path("clusterIPs").toString()).isEqualTo("[\"10.43.7.7\"]");
    assertThat(s.path("ports").get(0).path("nodePort").asInt()).isEqualTo(30080);
    assertThat(s.path("ports").get(1).path("nodePort").asInt()).isEqualTo(30081);
  }

  @Test
  void missingTypeMeansClusterIpAndStillKeepsTheAddress() {
    ObjectNode s = prep("{type:'ClusterIP',clusterIP:'10.43.7.7',clusterIPs:['10.43.7.7'],ports:[{port:80}]}", "{ports:[{port:80}]}");
    assertThat(s.path("clusterIP").asText()).isEqualTo("10.43.7.7");
  }

  @Test
  void nodePortIsNotCopiedWhenAnotherPortNowUsesIt() {
    ObjectNode s = prep(STORED, "{type:'NodePort',ports:[{name:'a',port:80},{name:'b',port:81,nodePort:30080}]}");
    assertThat(s.path("ports").get(0).has("nodePort")).isFalse();
    assertThat(s.path("ports").get(1).path("nodePort").asInt()).isEqualTo(30080);
  }

  @Test
  void switchingToClusterIpDropsUntouchedNodePorts() {
    ObjectNode s = prep(STORED, STORED.replace("type:'NodePort'", "type:'ClusterIP'"));
    assertThat(s.path("ports").get(0).has("nodePort")).isFalse();
    assertThat(s.path("ports").get(1).has("nodePort")).isFalse();
    assertThat(s.path("clusterIP").asText()).isEqualTo("10.43.7.7");
    ObjectNode changed = prep(STORED, STORED.replace("type:'NodePort'", "type:'ClusterIP'").replace("30081", "30099"));
    assertThat(changed.path("ports").get(1).path("nodePort").asInt()).as("changed by the client: validation refuses it").isEqualTo(30099);
  }

  @Test
  void switchingAwayFromNodePortDropsTheUntouchedTrafficPolicy() {
    String lb = "{type:'LoadBalancer',externalTrafficPolicy:'Cluster',allocateLoadBalancerNodePorts:true,ports:[{port:80,nodePort:30080}]}";
    ObjectNode s = prep(lb, lb.replace("LoadBalancer", "ClusterIP"));
    assertThat(s.has("externalTrafficPolicy")).isFalse();
    assertThat(s.has("allocateLoadBalancerNodePorts")).isFalse();
    assertThat(prep(lb, lb.replace("LoadBalancer", "NodePort")).path("externalTrafficPolicy").asText()).isEqualTo("Cluster");
  }

  @Test
  void switchingToExternalNameDropsTheAddressAndFamilies() {
    ObjectNode s = prep("{type:'ClusterIP',clusterIP:'10.43.7.7',clusterIPs:['10.43.7.7'],ipFamilies:['IPv4'],"
        + "ipFamilyPolicy:'SingleStack',ports:[{port:80}]}", "{type:'ExternalName',externalName:'x.example.com',clusterIP:'10.43.7.7',"
        + "clusterIPs:['10.43.7.7'],ipFamilies:['IPv4'],ipFamilyPolicy:'SingleStack',ports:[{port:80}]}");
    assertThat(s.has("clusterIP")).isFalse();
    assertThat(s.has("clusterIPs")).isFalse();
    assertThat(s.has("ipFamilies")).isFalse();
    assertThat(s.has("ipFamilyPolicy")).isFalse();
  }

  @Test
  void healthCheckNodePortKeptOrDropped() {
    String local = "{type:'LoadBalancer',externalTrafficPolicy:'Local',healthCheckNodePort:30999,ports:[{port:80,nodePort:30080}]}";
    assertThat(prep(local, "{type:'LoadBalancer',externalTrafficPolicy:'Local',ports:[{port:80}]}").path("healthCheckNodePort").asInt())
        .isEqualTo(30999);
    assertThat(prep(local, local.replace("Local", "Cluster")).has("healthCheckNodePort")).isFalse();
  }

  static final String LB_LOCAL = "{type:'LoadBalancer',clusterIP:'10.43.7.7',clusterIPs:['10.43.7.7'],externalTrafficPolicy:'Local',"
      + "healthCheckNodePort:30999,allocateLoadBalancerNodePorts:true,loadBalancerClass:'example.com/lb',"
      + "ports:[{name:'a',port:80,nodePort:30080},{name:'b',port:81,nodePort:30081}]}";

  @Test
  void loadBalancerToClusterIpDropsEveryUntouchedTypeField() {
    ObjectNode next = Svc.of("s", LB_LOCAL.replace("type:'LoadBalancer'", "type:'ClusterIP'"));
    next.putObject("status").putObject("loadBalancer").putArray("ingress").addObject().put("ip", "172.30.0.2");
    UpdatePrep.apply(next, Svc.of("s", LB_LOCAL));
    ObjectNode s = (ObjectNode) next.get("spec");
    assertThat(s.has("externalTrafficPolicy")).isFalse();
    assertThat(s.has("healthCheckNodePort")).isFalse();
    assertThat(s.has("allocateLoadBalancerNodePorts")).isFalse();
    assertThat(s.has("loadBalancerClass")).isFalse();
    assertThat(s.path("ports").get(0).has("nodePort")).isFalse();
    assertThat(s.path("ports").get(1).has("nodePort")).isFalse();
    assertThat(s.path("clusterIP").asText()).isEqualTo("10.43.7.7");
    assertThat(next.path("status").path("loadBalancer").isEmpty()).as("status with the type: %s", next.path("status")).isTrue();
  }

  @Test
  void valuesTheClientChangedWithTheTypeStayForValidationToRefuse() {
    String toClusterIp = LB_LOCAL.replace("type:'LoadBalancer'", "type:'ClusterIP'");
    assertThat(prep(LB_LOCAL, toClusterIp.replace("'Local'", "'Cluster'")).path("externalTrafficPolicy").asText()).isEqualTo("Cluster");
    assertThat(prep(LB_LOCAL, toClusterIp.replace("30999", "30998")).path("healthCheckNodePort").asInt()).isEqualTo(30998);
    assertThat(prep(LB_LOCAL, toClusterIp.replace("example.com/lb", "other/lb")).path("loadBalancerClass").asText()).isEqualTo("other/lb");
  }

  @Test
  void nodePortsAreDroppedWhenNoneIsNetNewEvenWithAPortRemoved() {
    ObjectNode s = prep(STORED, "{type:'ClusterIP',clusterIP:'10.43.7.7',clusterIPs:['10.43.7.7'],ports:[{name:'a',port:80,nodePort:30080}]}");
    assertThat(s.path("ports").get(0).has("nodePort")).as("a subset of the old NodePorts").isFalse();
    ObjectNode moved = prep(STORED, "{type:'ClusterIP',ports:[{name:'a',port:80,nodePort:30080},{name:'b',port:81,nodePort:30555}]}");
    assertThat(moved.path("ports").get(0).path("nodePort").asInt()).as("a net-new NodePort: all kept, validation refuses").isEqualTo(30080);
  }

  @Test
  void trafficPolicyFollowsExternalAccessNotTheType() {
    String withIps = "{type:'ClusterIP',externalIPs:['192.0.2.1'],externalTrafficPolicy:'Local',ports:[{port:80}]}";
    assertThat(prep(withIps, withIps.replace("externalIPs:['192.0.2.1'],", "")).has("externalTrafficPolicy"))
        .as("no longer externally accessible").isFalse();
    String lb = "{type:'LoadBalancer',externalIPs:['192.0.2.1'],externalTrafficPolicy:'Local',ports:[{port:80,nodePort:30080}]}";
    assertThat(prep(lb, lb.replace("LoadBalancer", "ClusterIP")).path("externalTrafficPolicy").asText())
        .as("still externally accessible through its externalIPs").isEqualTo("Local");
  }
}
