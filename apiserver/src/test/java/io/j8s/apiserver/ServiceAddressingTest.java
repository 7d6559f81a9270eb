package io.j8s.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.j8s.testkit.server.RunningServer;
import io.j8s.testkit.server.WithJ8sServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** ClusterIPs, NodePorts and the kubernetes Service through the real HTTPS API. */
@Tag("integration")
@WithJ8sServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceAddressingTest {
  static final String SVCS = "/api/v1/namespaces/default/services";
  RawApi api;
  int port;

  @BeforeAll
  void connect(RunningServer server) throws Exception {
    api = new RawApi(server.url(), server.dataDir());
    port = server.url().getPort();
  }

  static String service(String name, String spec) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":" + spec + "}";
  }

  RawApi.Response create(String name, String spec) throws Exception {
    return api.send("POST", SVCS, "application/json", service(name, spec));
  }

  JsonNode created(String name, String spec) throws Exception {
    RawApi.Response r = create(name, spec);
    assertThat(r.code()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  static int lastOctets(String ip) {
    String[] p = ip.split("\\.");
    return Integer.parseInt(p[2]) * 256 + Integer.parseInt(p[3]);
  }

  @Test
  void concurrentCreatesGetDistinctAddressesInTheUpperBand() throws Exception {
    List<Future<RawApi.Response>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
      for (int i = 0; i < 200; i++) {
        String name = "many-" + i;
        results.add(pool.submit(() -> create(name, "{\"ports\":[{\"port\":80}]}")));
      }
    }
    Set<String> ips = new HashSet<>();
    for (Future<RawApi.Response> f : results) {
      RawApi.Response r = f.get();
      assertThat(r.code()).as(r.body()).isEqualTo(201);
      JsonNode spec = r.json().path("spec");
      String ip = spec.path("clusterIP").asText();
      assertThat(ip).startsWith("10.43.");
      assertThat(lastOctets(ip)).as("upper band: above 10.43.1.0").isGreaterThan(256);
      assertThat(spec.path("clusterIPs").toString()).isEqualTo("[\"" + ip + "\"]");
      assertThat(spec.path("ipFamilies").toString()).isEqualTo("[\"IPv4\"]");
      assertThat(spec.path("ipFamilyPolicy").asText()).isEqualTo("SingleStack");
      ips.add(ip);
    }
    assertThat(ips).hasSize(200);
  }

  @Test
  void explicitAddressConflictAndOutOfRangeAre422AndNothingIsWritten() throws Exception {
    created("dns", "{\"clusterIP\":\"10.43.0.10\",\"ports\":[{\"port\":53,\"protocol\":\"UDP\"}]}");
    RawApi.Response taken = create("dns2", "{\"clusterIP\":\"10.43.0.10\",\"ports\":[{\"port\":53}]}");
    assertThat(taken.code()).as(taken.body()).isEqualTo(422);
    assertThat(taken.json().path("reason").asText()).isEqualTo("Invalid");
    assertThat(taken.json().path("message").asText()).isEqualTo("Service \"dns2\" is invalid: spec.clusterIPs: Invalid value: "
        + "[]string{\"10.43.0.10\"}: failed to allocate IP 10.43.0.10: provided IP is already allocated");
    assertThat(taken.json().path("details").path("causes").get(0).path("field").asText()).isEqualTo("spec.clusterIPs");
    assertThat(api.get(SVCS + "/dns2").code()).isEqualTo(404);

    RawApi.Response outside = create("far", "{\"clusterIP\":\"10.44.0.5\",\"ports\":[{\"port\":80}]}");
    assertThat(outside.code()).as(outside.body()).isEqualTo(422);
    assertThat(outside.json().path("message").asText()).isEqualTo("Service \"far\" is invalid: spec.clusterIPs: Invalid value: "
        + "[]string{\"10.44.0.5\"}: failed to allocate IP 10.44.0.5: provided IP is not in the valid range. "
        + "The range of valid IPs is 10.43.0.0/16");
    assertThat(api.get(SVCS + "/far").code()).isEqualTo(404);
  }

  @Test
  void nodePortsAreUniqueAndInRangeAndExplicitOnesMustBeFree() throws Exception {
    Set<Integer> ports = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      JsonNode s = created("np-" + i, "{\"type\":\"NodePort\",\"ports\":[{\"name\":\"a\",\"port\":80},{\"name\":\"b\",\"port\":81}]}");
      for (JsonNode p : s.path("spec").path("ports")) {
        int np = p.path("nodePort").asInt();
        assertThat(np).isBetween(30000, 32767);
        assertThat(ports.add(np)).as("unique " + np).isTrue();
      }
    }
    created("fixed", "{\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":30007}]}");
    RawApi.Response again = create("fixed2", "{\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":30007}]}");
    assertThat(again.code()).as(again.body()).isEqualTo(422);
    assertThat(again.json().path("message").asText())
        .isEqualTo("Service \"fixed2\" is invalid: spec.ports[0].nodePort: Invalid value: 30007: provided port is already allocated");
    assertThat(api.get(SVCS + "/fixed2").code()).isEqualTo(404);
    RawApi.Response range = create("low", "{\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":80}]}");
    assertThat(range.code()).isEqualTo(422);
    assertThat(range.json().path("message").asText()).contains("provided port is not in the valid range. The range of valid ports is 30000-32767");
    JsonNode lb = created("lb", "{\"type\":\"LoadBalancer\",\"externalTrafficPolicy\":\"Local\",\"ports\":[{\"port\":80}]}");
    assertThat(lb.path("spec").path("healthCheckNodePort").asInt()).isBetween(30000, 32767)
        .isNotEqualTo(lb.path("spec").path("ports").get(0).path("nodePort").asInt());
  }

  @Test
  void deleteFreesTheAddressAndPortsForReuse() throws Exception {
    String spec = "{\"type\":\"NodePort\",\"clusterIP\":\"10.43.0.50\",\"ports\":[{\"port\":80,\"nodePort\":30050}]}";
    created("reuse", spec);
    assertThat(create("reuse-b", spec).code()).isEqualTo(422);
    RawApi.Response del = api.send("DELETE", SVCS + "/reuse", null, (String) null);
    assertThat(del.code()).as(del.body()).isEqualTo(200);
    JsonNode again = created("reuse-b", spec);
    assertThat(again.path("spec").path("clusterIP").asText()).isEqualTo("10.43.0.50");
  }

  @Test
  void typeChangesReleaseAndReapplyKeepsAllocatedValues() throws Exception {
    JsonNode s = created("flip", "{\"type\":\"NodePort\",\"ports\":[{\"name\":\"web\",\"port\":80}]}");
    String ip = s.path("spec").path("clusterIP").asText();
    int np = s.path("spec").path("ports").get(0).path("nodePort").asInt();
    RawApi.Response put = api.send("PUT", SVCS + "/flip", "application/json",
        service("flip", "{\"type\":\"NodePort\",\"ports\":[{\"name\":\"web\",\"port\":80}]}"));
    assertThat(put.code()).as(put.body()).isEqualTo(200);
    assertThat(put.json().path("spec").path("clusterIP").asText()).isEqualTo(ip);
    assertThat(put.json().path("spec").path("ports").get(0).path("nodePort").asInt()).isEqualTo(np);
    RawApi.Response toClusterIp = api.send("PATCH", SVCS + "/flip", "application/merge-patch+json", "{\"spec\":{\"type\":\"ClusterIP\"}}");
    assertThat(toClusterIp.code()).as(toClusterIp.body()).isEqualTo(200);
    assertThat(toClusterIp.json().path("spec").path("ports").get(0).has("nodePort")).isFalse();
    created("takes-port", "{\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":" + np + "}]}");
    RawApi.Response toExternal = api.send("PATCH", SVCS + "/flip", "application/merge-patch+json",
        "{\"spec\":{\"type\":\"ExternalName\",\"externalName\":\"db.example.com\"}}");
    assertThat(toExternal.code()).as(toExternal.body()).isEqualTo(200);
    assertThat(toExternal.json().path("spec").has("clusterIP")).isFalse();
    created("takes-ip", "{\"clusterIP\":\"" + ip + "\",\"ports\":[{\"port\":80}]}");
  }

  @Test
  void loadBalancerToClusterIpReleasesItsPortsAndRefusesChangedTypeFields() throws Exception {
    String spec = "{\"type\":\"LoadBalancer\",\"externalTrafficPolicy\":\"Local\",\"ports\":[{\"port\":80}]}";
    JsonNode lb = created("lb-flip", spec);
    int hc = lb.path("spec").path("healthCheckNodePort").asInt();
    int np = lb.path("spec").path("ports").get(0).path("nodePort").asInt();
    assertThat(lb.path("spec").path("allocateLoadBalancerNodePorts").asBoolean()).as("defaulted as upstream").isTrue();
    String merge = "application/merge-patch+json";

    // a changed externalTrafficPolicy or healthCheckNodePort with the type change: refused, nothing changes
    RawApi.Response etp = api.send("PATCH", SVCS + "/lb-flip", merge, "{\"spec\":{\"type\":\"ClusterIP\",\"externalTrafficPolicy\":\"Cluster\"}}");
    assertThat(etp.code()).as(etp.body()).isEqualTo(422);
    assertThat(etp.json().path("reason").asText()).isEqualTo("Invalid");
    assertThat(etp.json().path("message").asText()).isEqualTo("Service \"lb-flip\" is invalid: spec.externalTrafficPolicy: Invalid value: "
        + "\"Cluster\": may only be set for externally-accessible services");
    RawApi.Response hcMoved = api.send("PATCH", SVCS + "/lb-flip", merge,
        "{\"spec\":{\"type\":\"ClusterIP\",\"healthCheckNodePort\":" + (hc == 32767 ? hc - 1 : hc + 1) + "}}");
    assertThat(hcMoved.code()).as(hcMoved.body()).isEqualTo(422);
    assertThat(hcMoved.json().path("message").asText()).contains("spec.healthCheckNodePort: Invalid value: ")
        .contains("may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'");
    RawApi.Response hcOnLb = api.send("PATCH", SVCS + "/lb-flip", merge, "{\"spec\":{\"healthCheckNodePort\":" + (hc == 32767 ? hc - 1 : hc + 1) + "}}");
    assertThat(hcOnLb.code()).as(hcOnLb.body()).isEqualTo(422);
    assertThat(hcOnLb.json().path("message").asText()).endsWith("spec.healthCheckNodePort: Invalid value: " + (hc == 32767 ? hc - 1 : hc + 1)
        + ": field is immutable");
    assertThat(api.get(SVCS + "/lb-flip").json().path("spec").path("healthCheckNodePort").asInt()).isEqualTo(hc);

    // the type alone: everything the LoadBalancer had is dropped and released
    RawApi.Response flip = api.send("PATCH", SVCS + "/lb-flip", merge, "{\"spec\":{\"type\":\"ClusterIP\"}}");
    assertThat(flip.code()).as(flip.body()).isEqualTo(200);
    JsonNode s = flip.json().path("spec");
    assertThat(s.has("externalTrafficPolicy")).isFalse();
    assertThat(s.has("healthCheckNodePort")).isFalse();
    assertThat(s.has("allocateLoadBalancerNodePorts")).isFalse();
    assertThat(s.path("ports").get(0).has("nodePort")).isFalse();
    assertThat(s.path("clusterIP").asText()).isEqualTo(lb.path("spec").path("clusterIP").asText());
    created("takes-hc", "{\"type\":\"NodePort\",\"ports\":[{\"name\":\"a\",\"port\":80,\"nodePort\":" + hc
        + "},{\"name\":\"b\",\"port\":81,\"nodePort\":" + np + "}]}");

    // a LoadBalancer-only field the client set on a ClusterIP: refused
    RawApi.Response ranges = api.send("PATCH", SVCS + "/lb-flip", merge, "{\"spec\":{\"loadBalancerSourceRanges\":[\"10.0.0.0/8\"]}}");
    assertThat(ranges.code()).as(ranges.body()).isEqualTo(422);
    assertThat(ranges.json().path("message").asText())
        .isEqualTo("Service \"lb-flip\" is invalid: spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'");
  }

  @Test
  void dryRunShowsAnAddressButKeepsNone() throws Exception {
    RawApi.Response dry = api.send("POST", SVCS + "?dryRun=All", "application/json", service("dry", "{\"clusterIP\":\"10.43.0.77\",\"ports\":[{\"port\":80}]}"));
    assertThat(dry.code()).as(dry.body()).isEqualTo(201);
    created("wet", "{\"clusterIP\":\"10.43.0.77\",\"ports\":[{\"port\":80}]}");
  }

  @Test
  void kubernetesServiceAndItsEndpoints() throws Exception {
    JsonNode svc = api.get(SVCS + "/kubernetes").json();
    assertThat(svc.path("spec").path("clusterIP").asText()).isEqualTo("10.43.0.1");
    JsonNode p = svc.path("spec").path("ports").get(0);
    assertThat(p.path("name").asText()).isEqualTo("https");
    assertThat(p.path("port").asInt()).isEqualTo(443);
    assertThat(p.path("protocol").asText()).isEqualTo("TCP");
    assertThat(p.path("targetPort").asInt()).isEqualTo(port);
    JsonNode ep = api.get("/api/v1/namespaces/default/endpoints/kubernetes").json();
    assertThat(ep.path("subsets").get(0).path("addresses").get(0).path("ip").asText()).isEqualTo("127.0.0.1");
    assertThat(ep.path("subsets").get(0).path("ports").get(0).path("port").asInt()).isEqualTo(port);
    JsonNode slices = api.get("/apis/discovery.k8s.io/v1/namespaces/default/endpointslices?labelSelector=kubernetes.io/service-name%3Dkubernetes").json();
    assertThat(slices.path("items")).hasSize(1);
    JsonNode slice = slices.path("items").get(0);
    assertThat(slice.path("endpoints").get(0).path("addresses").get(0).asText()).isEqualTo("127.0.0.1");
    assertThat(slice.path("ports").get(0).path("port").asInt()).isEqualTo(port);
    RawApi.Response steal = create("steal", "{\"clusterIP\":\"10.43.0.1\",\"ports\":[{\"port\":80}]}");
    assertThat(steal.code()).isEqualTo(422);
  }
}
