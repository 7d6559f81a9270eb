package io.j8s.apiserver.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.j8s.apiserver.RawApi;
import io.j8s.testkit.server.RunningServer;
import io.j8s.testkit.server.WithJ8sServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** LimitRanger and ResourceQuota admission through the real HTTPS API (no controllers run here). */
@Tag("integration")
@WithJ8sServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuotaAdmissionTest {
  RawApi api;

  @BeforeAll
  void connect(RunningServer server) throws Exception {
    api = new RawApi(server.url(), server.dataDir());
  }

  void namespace(String ns) throws Exception {
    var r = api.send("POST", "/api/v1/namespaces", "application/json", "{\"metadata\":{\"name\":\"" + ns + "\"}}");
    assertThat(r.code()).as(r.body()).isEqualTo(201);
    // an API server alone runs no ServiceAccount controller: the account it would make, which pod admission requires
    var sa = post(ns, "serviceaccounts", "{\"metadata\":{\"name\":\"default\"}}");
    assertThat(sa.code()).as(sa.body()).isEqualTo(201);
  }

  RawApi.Response post(String ns, String plural, String json) throws Exception {
    return api.send("POST", "/api/v1/namespaces/" + ns + "/" + plural, "application/json", json);
  }

  static String pod(String name, String resources) {
    return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\""
        + (resources.isEmpty() ? "" : ",\"resources\":" + resources) + "}]}}";
  }

  static String quota(String name, String hard) {
    return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"hard\":" + hard + "}}";
  }

  JsonNode quotaStatus(String ns, String name) throws Exception {
    var r = api.get("/api/v1/namespaces/" + ns + "/resourcequotas/" + name);
    assertThat(r.code()).as(r.body()).isEqualTo(200);
    return r.json().path("status");
  }

  @Test
  void fiftyConcurrentCreatesFillTheQuotaExactly() throws Exception {
    namespace("q50");
    assertThat(post("q50", "resourcequotas", quota("compute", "{\"pods\":\"10\",\"requests.cpu\":\"1\"}")).code()).isEqualTo(201);
    List<Future<RawApi.Response>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 50; i++) {
        String name = "p" + i;
        results.add(pool.submit(() -> post("q50", "pods", pod(name, "{\"requests\":{\"cpu\":\"100m\"}}"))));
      }
    }
    int created = 0;
    for (Future<RawApi.Response> f : results) {
      RawApi.Response r = f.get();
      if (r.code() == 201) {
        created++;
        continue;
      }
      assertThat(r.code()).as(r.body()).isEqualTo(403);
      assertThat(r.json().path("reason").asText()).isEqualTo("Forbidden");
      assertThat(r.json().path("message").asText()).matches("pods \"p\\d+\" is forbidden: exceeded quota: compute, "
          + "requested: pods=1,requests.cpu=100m, used: pods=10,requests.cpu=1, limited: pods=10,requests.cpu=1");
    }
    assertThat(created).isEqualTo(10);
    assertThat(api.get("/api/v1/namespaces/q50/pods").json().path("items").size()).isEqualTo(10);
    JsonNode st = quotaStatus("q50", "compute");
    assertThat(st.path("used").path("pods").asText()).isEqualTo("10");
    assertThat(st.path("used").path("requests.cpu").asText()).isEqualTo("1");
    assertThat(st.path("hard").path("pods").asText()).isEqualTo("10");
  }

  @Test
  void aComputeQuotaRequiresTheResourceAndCountsFromItsCreation() throws Exception {
    namespace("qreq");
    assertThat(post("qreq", "pods", pod("before", "{\"requests\":{\"memory\":\"64Mi\"},\"limits\":{\"memory\":\"128Mi\"}}")).code()).isEqualTo(201);
    assertThat(post("qreq", "resourcequotas", quota("mem", "{\"limits.memory\":\"256Mi\",\"requests.memory\":\"1Gi\"}")).code()).isEqualTo(201);
    JsonNode st = quotaStatus("qreq", "mem");
    assertThat(st.path("used").path("limits.memory").asText()).isEqualTo("128Mi");
    assertThat(st.path("used").path("requests.memory").asText()).isEqualTo("64Mi");
    var none = post("qreq", "pods", pod("none", ""));
    assertThat(none.code()).isEqualTo(403);
    assertThat(none.json().path("message").asText())
        .isEqualTo("pods \"none\" is forbidden: failed quota: mem: must specify limits.memory for: c; requests.memory for: c");
    assertThat(post("qreq", "pods", pod("ok", "{\"limits\":{\"memory\":\"128Mi\"}}")).code()).isEqualTo(201);
    var over = post("qreq", "pods", pod("over", "{\"limits\":{\"memory\":\"1Mi\"}}"));
    assertThat(over.json().path("message").asText()).isEqualTo("pods \"over\" is forbidden: exceeded quota: mem, requested: limits.memory=1Mi, "
        + "used: limits.memory=256Mi, limited: limits.memory=256Mi");
    assertThat(quotaStatus("qreq", "mem").path("used").path("requests.memory").asText()).isEqualTo("192Mi");
  }

  @Test
  void objectCountsAndDryRun() throws Exception {
    namespace("qcount");
    assertThat(post("qcount", "resourcequotas", quota("objects", "{\"configmaps\":\"2\",\"count/secrets\":\"2\",\"resourcequotas\":\"1\"}")).code())
        .isEqualTo(201);
    assertThat(quotaStatus("qcount", "objects").path("used").path("resourcequotas").asText()).isEqualTo("1");
    String cm = "{\"metadata\":{\"name\":\"%s\"}}";
    assertThat(api.send("POST", "/api/v1/namespaces/qcount/configmaps?dryRun=All", "application/json", cm.formatted("dry")).code()).isEqualTo(201);
    assertThat(post("qcount", "configmaps", cm.formatted("a")).code()).isEqualTo(201);
    assertThat(post("qcount", "configmaps", cm.formatted("b")).code()).isEqualTo(201);
    var third = post("qcount", "configmaps", cm.formatted("c"));
    assertThat(third.code()).isEqualTo(403);
    assertThat(third.json().path("message").asText())
        .isEqualTo("configmaps \"c\" is forbidden: exceeded quota: objects, requested: configmaps=1, used: configmaps=2, limited: configmaps=2");
    var dry = api.send("POST", "/api/v1/namespaces/qcount/configmaps?dryRun=All", "application/json", cm.formatted("d"));
    assertThat(dry.code()).isEqualTo(403);
    // a failed create (the name exists) charges nothing
    assertThat(post("qcount", "secrets", cm.formatted("s")).code()).isEqualTo(201);
    assertThat(post("qcount", "secrets", cm.formatted("s")).code()).isEqualTo(409);
    assertThat(quotaStatus("qcount", "objects").path("used").path("count/secrets").asText()).isEqualTo("1");
    assertThat(post("qcount", "resourcequotas", quota("second", "{\"pods\":\"1\"}")).json().path("message").asText())
        .isEqualTo("resourcequotas \"second\" is forbidden: exceeded quota: objects, requested: resourcequotas=1, used: resourcequotas=1, "
            + "limited: resourcequotas=1");
  }

  @Test
  void limitRangeDefaultsAndBounds() throws Exception {
    namespace("lr");
    String lr = "{\"metadata\":{\"name\":\"limits\"},\"spec\":{\"limits\":[{\"type\":\"Container\",\"max\":{\"cpu\":\"1\"},"
        + "\"default\":{\"cpu\":\"500m\",\"memory\":\"256Mi\"},\"defaultRequest\":{\"cpu\":\"100m\"}}]}}";
    var made = post("lr", "limitranges", lr);
    assertThat(made.code()).as(made.body()).isEqualTo(201);
    assertThat(made.json().path("spec").path("limits").get(0).path("defaultRequest").path("memory").asText()).isEqualTo("256Mi");
    var p = post("lr", "pods", pod("defaulted", ""));
    assertThat(p.code()).as(p.body()).isEqualTo(201);
    JsonNode res = p.json().path("spec").path("containers").get(0).path("resources");
    assertThat(res.path("limits").path("cpu").asText()).isEqualTo("500m");
    assertThat(res.path("limits").path("memory").asText()).isEqualTo("256Mi");
    assertThat(res.path("requests").path("cpu").asText()).isEqualTo("100m");
    assertThat(res.path("requests").path("memory").asText()).isEqualTo("256Mi");
    assertThat(p.json().path("status").path("qosClass").asText()).isEqualTo("Burstable");
    assertThat(p.json().path("metadata").path("annotations").path("kubernetes.io/limit-ranger").asText())
        .isEqualTo("LimitRanger plugin set: cpu, memory request for container c; cpu, memory limit for container c");
    var big = post("lr", "pods", pod("big", "{\"limits\":{\"cpu\":\"2\"}}"));
    assertThat(big.code()).isEqualTo(403);
    assertThat(big.json().path("message").asText()).isEqualTo("pods \"big\" is forbidden: maximum cpu usage per Container is 1, but limit is 2");
  }

  @Test
  void systemNamespacesMayNotBeDeleted() throws Exception {
    var r = api.send("DELETE", "/api/v1/namespaces/kube-system", null, null);
    assertThat(r.code()).isEqualTo(403);
    assertThat(r.json().path("message").asText()).isEqualTo("namespaces \"kube-system\" is forbidden: this namespace may not be deleted");
    assertThat(api.get("/api/v1/namespaces/kube-system").json().path("status").path("phase").asText()).isEqualTo("Active");
  }
}
