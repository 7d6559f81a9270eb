package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.j8s.base.process.ProcessResult;
import io.j8s.testkit.kubectl.Kubectl;
import io.j8s.testkit.server.WithJ8sServer;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * ResourceQuota and LimitRange with the real kubectl against the whole server (API server and
 * controllers, no node: pods stay Pending, which counts): create and describe a quota, a create
 * over it refused with upstream's message, a deleted pod's quota given back by the quota
 * controller, LimitRange defaults on a created pod that make it fit a compute quota.
 */
@Tag("integration")
@WithJ8sServer
class QuotaIntegrationTest {
  static String pod(String name, String cpu) {
    return "apiVersion: v1\nkind: Pod\nmetadata: {name: " + name + "}\nspec:\n  containers:\n  - name: c\n    image: busybox\n"
        + (cpu.isEmpty() ? "" : "    resources: {requests: {cpu: " + cpu + "}}\n");
  }

  static String used(Kubectl k, String ns, String quota, String resource) {
    return k.ok("-n", ns, "get", "quota", quota, "-o", "jsonpath={.status.used." + resource.replace(".", "\\.") + "}");
  }

  @Test
  void quotaRefusesOverLimitAndIsGivenBackOnDelete(Kubectl k) {
    k.ok("create", "namespace", "quota-e2e");
    // the root CA publisher puts kube-root-ca.crt in every namespace; once it is there, the quota counts it
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> k.run("-n", "quota-e2e", "get", "configmap", "kube-root-ca.crt").exitCode() == 0);
    assertThat(k.ok("-n", "quota-e2e", "create", "quota", "compute", "--hard=pods=3,requests.cpu=1,count/configmaps=4"))
        .contains("resourcequota/compute created");
    String described = k.ok("-n", "quota-e2e", "describe", "quota", "compute");
    assertThat(described).contains("Name:").contains("compute").contains("Namespace:").contains("quota-e2e");
    assertThat(described).containsPattern("Resource\\s+Used\\s+Hard").containsPattern("pods\\s+0\\s+3")
        .containsPattern("requests\\.cpu\\s+0\\s+1").containsPattern("count/configmaps\\s+1\\s+4");
    for (int i = 1; i <= 3; i++) k.okWithInput(pod("p" + i, "200m"), "-n", "quota-e2e", "create", "-f", "-");
    ProcessResult over = k.runWithInput(pod("p4", "200m"), "-n", "quota-e2e", "create", "-f", "-");
    assertThat(over.exitCode()).isNotZero();
    assertThat(over.stderr()).contains("Error from server (Forbidden)")
        .contains("pods \"p4\" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=3, limited: pods=3");
    ProcessResult bare = k.runWithInput(pod("bare", ""), "-n", "quota-e2e", "create", "-f", "-");
    assertThat(bare.stderr()).contains("pods \"bare\" is forbidden: failed quota: compute: must specify requests.cpu for: c");
    assertThat(k.ok("-n", "quota-e2e", "describe", "quota", "compute")).containsPattern("pods\\s+3\\s+3")
        .containsPattern("requests\\.cpu\\s+600m\\s+1");

    k.ok("-n", "quota-e2e", "delete", "pod", "p1", "--wait=false");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(used(k, "quota-e2e", "compute", "pods")).isEqualTo("2"));
    assertThat(used(k, "quota-e2e", "compute", "requests.cpu")).isEqualTo("400m");
    k.okWithInput(pod("p4", "200m"), "-n", "quota-e2e", "create", "-f", "-");
    assertThat(used(k, "quota-e2e", "compute", "pods")).isEqualTo("3");
  }

  @Test
  void limitRangeDefaultsShowOnPodsAndSatisfyAComputeQuota(Kubectl k) {
    k.ok("create", "namespace", "limits-e2e");
    k.okWithInput("""
        apiVersion: v1
        kind: LimitRange
        metadata: {name: defaults}
        spec:
          limits:
          - type: Container
            default: {cpu: 300m, memory: 128Mi}
            defaultRequest: {cpu: 100m}
            max: {cpu: "1"}
        """, "-n", "limits-e2e", "create", "-f", "-");
    k.ok("-n", "limits-e2e", "create", "quota", "cpu", "--hard=requests.cpu=1,limits.cpu=2");
    k.ok("-n", "limits-e2e", "run", "web", "--image=busybox", "--restart=Never");
    assertThat(k.ok("-n", "limits-e2e", "get", "pod", "web", "-o",
        "jsonpath={.spec.containers[0].resources.requests.cpu} {.spec.containers[0].resources.limits.cpu} "
            + "{.spec.containers[0].resources.requests.memory} {.status.qosClass}"))
        .isEqualTo("100m 300m 128Mi Burstable");
    assertThat(used(k, "limits-e2e", "cpu", "requests.cpu")).isEqualTo("100m");
    assertThat(used(k, "limits-e2e", "cpu", "limits.cpu")).isEqualTo("300m");
    String described = k.ok("-n", "limits-e2e", "describe", "limitrange", "defaults");
    assertThat(described).containsPattern("Container\\s+cpu\\s+-\\s+1\\s+100m\\s+300m");
    ProcessResult big = k.runWithInput("apiVersion: v1\nkind: Pod\nmetadata: {name: big}\nspec:\n  containers:\n  - name: c\n    image: busybox\n"
        + "    resources: {limits: {cpu: \"2\"}}\n", "-n", "limits-e2e", "create", "-f", "-");
    assertThat(big.stderr()).contains("pods \"big\" is forbidden: maximum cpu usage per Container is 1, but limit is 2");
  }
}
