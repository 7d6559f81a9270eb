package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.base.process.ProcessRunner;
import io.j8s.controllers.runtime.ControllerOptions;
import io.j8s.kubelet.Agent;
import io.j8s.kubelet.AgentConfig;
import io.j8s.testkit.kubectl.Kubectl;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole node path as a user drives it with kubectl: a server and its node agent (laid out as
 * the embedded agent, so the kubelet API trusts the server's client CA), a Deployment scheduled
 * onto the real node and run in containerd with a configMap volume, env from the ConfigMap, a
 * readiness probe (HTTP) and a liveness probe (exec). Checks: Ready only once the probe passes,
 * served on the pod IP, a Service's endpoints, {@code kubectl logs} and {@code exec} through the
 * API server, a ConfigMap change seen in the mounted file without a restart, a failed liveness
 * probe restarting the container, and deletion removing every sandbox. Pod CIDR 10.88.60.0/24
 * (cluster CIDR 10.88.60.0/23), used by no other test.
 */
@Tag("integration")
class NodeWorkloadTest {
  static final String NODE = "workload-it";
  static final ControllerOptions OPTIONS = new ControllerOptions("10.88.60.0/23", 24, Duration.ofSeconds(40), null);

  static final String MANIFEST = """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: site}
      data: {index.html: "version-1", greeting: hello-from-configmap}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 1
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            terminationGracePeriodSeconds: 2
            volumes:
            - {name: site, configMap: {name: site, items: [{key: index.html, path: index.html}]}}
            containers:
            - name: web
              image: j8s.local/busybox:1
              imagePullPolicy: IfNotPresent
              command: ["sh", "-c", "echo started with $GREETING; sleep 2; exec httpd -f -p 8080 -h /www"]
              env:
              - name: GREETING
                valueFrom: {configMapKeyRef: {name: site, key: greeting}}
              ports: [{name: http, containerPort: 8080}]
              volumeMounts: [{name: site, mountPath: /www}]
              readinessProbe: {httpGet: {path: /index.html, port: http}, periodSeconds: 1}
              livenessProbe: {exec: {command: ["sh", "-c", "test ! -f /tmp/unhealthy"]}, periodSeconds: 1, failureThreshold: 2}
      """;

  @Test
  void aDeploymentRunsOnTheRealNodeWithVolumesProbesLogsAndExec(@TempDir Path dir) throws Exception {
    try (ServerRuntime rt = NodeControllersTest.start(dir, OPTIONS); KubernetesClient admin = NodeControllersTest.client(dir)) {
      Agent agent = Agent.start(admin, AgentConfig.of(dir, NODE, null, null, CniPodNetwork.debian(admin, "10.88.60.0/23", io.j8s.network.flannel.Backend.VXLAN, System.out::println),
          line -> System.out.println("j8s: " + line)));
      try {
        assertThat(agent.awaitReady(Duration.ofSeconds(90))).isTrue();
        Kubectl kubectl = new Kubectl(dir.resolve("kubeconfig.yaml"));
        long t0 = System.nanoTime();
        kubectl.okWithInput(MANIFEST, "apply", "-f", "-");
        kubectl.ok("rollout", "status", "deployment/web", "--timeout=120s");
        System.out.printf("FIGURE deployment applied to rollout complete (scheduling, sandbox, readiness probe): %d ms%n",
            (System.nanoTime() - t0) / 1_000_000);
        Pod pod = onlyPod(admin);
        String ip = pod.getStatus().getPodIP();
        assertThat(ip).startsWith("10.88.60.");
        assertThat(pod.getSpec().getNodeName()).isEqualTo(NODE);
        assertThat(get(ip)).isEqualTo("version-1");

        kubectl.ok("expose", "deployment", "web", "--port", "80", "--target-port", "http");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(kubectl.ok("get", "endpoints", "web", "-o", "jsonpath={.subsets[0].addresses[0].ip}")).isEqualTo(ip));

        String name = pod.getMetadata().getName();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
            assertThat(kubectl.ok("logs", name)).contains("started with hello-from-configmap"));
        assertThat(kubectl.ok("exec", name, "--", "cat", "/www/index.html")).isEqualTo("version-1");

        // a ConfigMap change reaches the mounted file of the running container (no restart)
        kubectl.ok("patch", "configmap", "site", "--type=merge", "-p", "{\"data\":{\"index.html\":\"version-2\"}}");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(get(ip)).isEqualTo("version-2"));
        assertThat(restarts(admin)).isZero();

        // a failing liveness probe restarts the container; the new one is healthy and ready again
        kubectl.ok("exec", name, "--", "touch", "/tmp/unhealthy");
        await().atMost(Duration.ofSeconds(60)).until(() -> restarts(admin) >= 1);
        kubectl.ok("rollout", "status", "deployment/web", "--timeout=60s");
        await().atMost(Duration.ofSeconds(30)).until(() -> ready(onlyPod(admin)));
        assertThat(kubectl.ok("get", "events", "--field-selector", "involvedObject.name=" + name, "-o", "name")).isNotNull();

        kubectl.ok("delete", "deployment", "web");
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.pods().inNamespace("default").list().getItems().isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> agent.cri().listPodSandbox().isEmpty());
      } finally {
        agent.cri().removeAllPodSandboxes(); // whatever a failed run left: its mounts would keep the temp dir
        agent.close();
        new ProcessRunner().run("ip", "link", "del", "cni0");
      }
    }
  }

  static Pod onlyPod(KubernetesClient c) {
    List<Pod> pods = c.pods().inNamespace("default").withLabel("app", "web").list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    assertThat(pods).hasSize(1);
    return pods.get(0);
  }

  static int restarts(KubernetesClient c) {
    Pod p = onlyPod(c);
    return p.getStatus().getContainerStatuses() == null || p.getStatus().getContainerStatuses().isEmpty() ? 0
        : p.getStatus().getContainerStatuses().get(0).getRestartCount();
  }

  static boolean ready(Pod p) {
    return p.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  static String get(String ip) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    return http.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/index.html")).timeout(Duration.ofSeconds(3)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }
}
