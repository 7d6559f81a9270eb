package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.base.process.ProcessRunner;
import io.j8s.controllers.runtime.ControllerOptions;
import io.j8s.kubelet.Agent;
import io.j8s.kubelet.AgentConfig;
import io.j8s.kubelet.cri.v1.Container;
import io.j8s.kubelet.cri.v1.ContainerState;
import io.j8s.testkit.kubectl.Kubectl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Static pods on a real node: a manifest in {@code <data-dir>/agent/pod-manifests} runs in
 * containerd, its mirror pod shows in {@code kubectl get pods} (owned by the Node, with the
 * config annotations and the pod's status); deleting the mirror makes it again without touching
 * the container; changing the manifest replaces the pod; deleting the manifest stops it and
 * deletes the mirror; with the API server gone, a new manifest still runs. The kubelet's
 * {@code /metrics}, {@code /metrics/resource} and {@code /stats/summary} are read through the API
 * server's nodes/proxy with {@code kubectl get --raw}. Pod CIDR
 * 10.88.134.0/24 (cluster CIDR 10.88.134.0/23), used by no other test.
 */
@Tag("integration")
class StaticPodTest {
  static final String NODE = "static-it";
  static final String MIRROR = "web-" + NODE;
  static final ControllerOptions OPTIONS = new ControllerOptions("10.88.134.0/23", 24, Duration.ofSeconds(40), null);

  static String manifest(String name, String message) {
    return """
        apiVersion: v1
        kind: Pod
        metadata: {name: %s, namespace: kube-system, labels: {tier: node}}
        spec:
          terminationGracePeriodSeconds: 1
          containers:
          - name: main
            image: j8s.local/busybox:1
            imagePullPolicy: IfNotPresent
            command: ["sh", "-c", "echo %s; exec sleep 3600"]
        """.formatted(name, message);
  }

  @Test
  void aManifestRunsWithAMirrorPodThatFollowsIt(@TempDir Path dir) throws Exception {
    Path manifests = dir.resolve("agent/pod-manifests");
    Files.createDirectories(manifests);
    Files.writeString(manifests.resolve("web.yaml"), manifest("web", "version-1"));
    Agent agent = null;
    ServerRuntime rt = NodeControllersTest.start(dir, OPTIONS);
    KubernetesClient admin = NodeControllersTest.client(dir);
    try {
      Agent node = Agent.start(admin, AgentConfig.of(dir, NODE, null, null, CniPodNetwork.debian(admin, OPTIONS.clusterCidr(), io.j8s.network.flannel.Backend.VXLAN, System.out::println), line -> System.out.println("j8s: " + line)));
      agent = node;
      assertThat(node.awaitReady(Duration.ofSeconds(90))).isTrue();
      Kubectl kubectl = new Kubectl(dir.resolve("kubeconfig.yaml"));

      await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(kubectl.ok("-n", "kube-system", "get", "pod", MIRROR,
          "-o", "jsonpath={.status.phase} {.status.containerStatuses[0].ready}")).isEqualTo("Running true"));
      Pod mirror = admin.pods().inNamespace("kube-system").withName(MIRROR).get();
      String hash1 = mirror.getMetadata().getAnnotations().get("kubernetes.io/config.hash");
      assertThat(mirror.getMetadata().getAnnotations()).containsEntry("kubernetes.io/config.source", "file")
          .containsEntry("kubernetes.io/config.mirror", hash1);
      assertThat(mirror.getMetadata().getUid()).isNotEqualTo(hash1);
      assertThat(mirror.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
        assertThat(o.getKind()).isEqualTo("Node");
        assertThat(o.getName()).isEqualTo(NODE);
      });
      assertThat(mirror.getMetadata().getLabels()).containsEntry("tier", "node");
      assertThat(mirror.getStatus().getPodIP()).startsWith("10.88.134.");
      String container1 = running(node, hash1).getId();
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(kubectl.ok("-n", "kube-system", "logs", MIRROR)).contains("version-1"));

      // the kubelet's metrics and stats through the API server's nodes/proxy
      String proxy = "/api/v1/nodes/" + NODE + "/proxy";
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kubectl.ok("get", "--raw", proxy + "/metrics/resource"))
          .contains("# TYPE node_cpu_usage_seconds_total counter")
          .containsPattern("\nnode_memory_working_set_bytes [0-9]+ [0-9]+\n")
          .containsPattern("container_cpu_usage_seconds_total\\{container=\"main\",namespace=\"kube-system\",pod=\"" + MIRROR + "\"} ")
          .containsPattern("container_memory_working_set_bytes\\{container=\"main\",namespace=\"kube-system\",pod=\"" + MIRROR + "\"} [1-9]")
          .containsPattern("pod_memory_working_set_bytes\\{namespace=\"kube-system\",pod=\"" + MIRROR + "\"} [1-9]")
          .contains("pod_cpu_usage_seconds_total{namespace=\"kube-system\",pod=\"" + MIRROR + "\"}"));
      var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(kubectl.ok("get", "--raw", proxy + "/stats/summary"));
      assertThat(summary.path("node").path("nodeName").asText()).isEqualTo(NODE);
      assertThat(summary.path("node").path("cpu").path("usageCoreNanoSeconds").asLong()).isPositive();
      assertThat(summary.path("node").path("memory").path("workingSetBytes").asLong()).isPositive();
      assertThat(summary.path("node").path("fs").path("capacityBytes").asLong()).isPositive();
      var podStats = summary.path("pods").get(0);
      assertThat(podStats.path("podRef").path("name").asText()).isEqualTo(MIRROR);
      assertThat(podStats.path("podRef").path("uid").asText()).isEqualTo(hash1);
      assertThat(podStats.path("memory").path("workingSetBytes").asLong()).isPositive();
      assertThat(podStats.path("containers").get(0).path("name").asText()).isEqualTo("main");
      assertThat(podStats.path("containers").get(0).path("cpu").path("usageCoreNanoSeconds").asLong()).isPositive();
      String metrics = kubectl.ok("get", "--raw", proxy + "/metrics");
      assertThat(metrics).contains("kubelet_running_pods 1\n").contains("kubelet_running_containers{container_state=\"running\"} 1\n")
          .contains("kubelet_pod_start_duration_seconds_count 1\n").contains("kubelet_pod_worker_duration_seconds_count{operation_type=\"create\"}")
          .contains("kubelet_runtime_operations_total{operation_type=\"run_podsandbox\"}");
      System.out.println("FIGURE " + metrics.lines().filter(l -> l.startsWith("kubelet_pod_start_duration_seconds_sum")).findFirst().orElse(""));

      // deleting the mirror makes a new one; the static pod goes on unchanged
      kubectl.ok("-n", "kube-system", "delete", "pod", MIRROR, "--wait=false");
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        Pod again = admin.pods().inNamespace("kube-system").withName(MIRROR).get();
        assertThat(again).isNotNull();
        assertThat(again.getMetadata().getUid()).isNotEqualTo(mirror.getMetadata().getUid());
        assertThat(again.getMetadata().getDeletionTimestamp()).isNull();
        assertThat(again.getStatus().getPhase()).isEqualTo("Running");
      });
      assertThat(running(node, hash1).getId()).isEqualTo(container1);

      // a changed manifest is a new pod (new hash): the old one stops, the new one runs, the mirror follows
      Files.writeString(manifests.resolve("web.yaml"), manifest("web", "version-2"));
      await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
        Pod m = admin.pods().inNamespace("kube-system").withName(MIRROR).get();
        assertThat(m).isNotNull();
        assertThat(m.getMetadata().getAnnotations().get("kubernetes.io/config.mirror")).isNotEqualTo(hash1);
        assertThat(m.getStatus().getPhase()).isEqualTo("Running");
        assertThat(kubectl.ok("-n", "kube-system", "logs", MIRROR)).contains("version-2");
      });
      String hash2 = admin.pods().inNamespace("kube-system").withName(MIRROR).get().getMetadata().getAnnotations()
          .get("kubernetes.io/config.mirror");
      assertThat(running(node, hash2)).isNotNull();
      await().atMost(Duration.ofSeconds(30)).until(() -> containers(node, hash1).isEmpty());

      // a deleted manifest stops the pod and deletes its mirror
      Files.delete(manifests.resolve("web.yaml"));
      await().atMost(Duration.ofSeconds(60)).until(() -> admin.pods().inNamespace("kube-system").withName(MIRROR).get() == null);
      await().atMost(Duration.ofSeconds(30)).until(() -> node.cri().listPodSandbox().isEmpty());

      hooksAndEvents(kubectl, admin);
      kubeletAuthorization(kubectl, dir);

      // with the API server gone, a new manifest still runs
      rt.close();
      rt = null;
      Files.writeString(manifests.resolve("offline.yaml"), manifest("offline", "no-api"));
      await().atMost(Duration.ofSeconds(90)).until(() -> node.cri().listContainers().stream().anyMatch(c ->
          c.getState() == ContainerState.CONTAINER_RUNNING && ("offline-" + NODE).equals(c.getLabelsMap().get("io.kubernetes.pod.name"))));
    } finally {
      if (agent != null) {
        try (var files = Files.list(manifests)) {
          for (Path f : files.toList()) Files.delete(f);
        }
        try { // what a failed run left in the API (while it still runs): the agent stops it
          admin.pods().inNamespace("default").withGracePeriod(0).delete();
        } catch (RuntimeException e) {
          System.out.println("deleting the test's pods: " + e);
        }
        Agent a = agent;
        try {
          await().atMost(Duration.ofSeconds(30)).until(() -> a.cri().listPodSandbox().isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
          System.out.println("static pods still there after their manifests went: " + a.cri().listPodSandbox());
        }
        agent.cri().removeAllPodSandboxes(); // whatever a failed run left: its mounts would keep the temp dir
        agent.close();
      }
      admin.close();
      if (rt != null) rt.close();
      new ProcessRunner().run("ip", "link", "del", "cni0");
    }
  }

  /**
   * postStart (exec) runs before the container shows Running; preStop (httpGet to this JVM on the
   * bridge's gateway address) runs before the stop; a failing postStart gives FailedPostStartHook
   * and restarts; a failing readiness probe gives Unhealthy with the probe's output; the
   * crash-looping pod's BackOff is one Event whose count rises, not one Event per back-off.
   */
  static void hooksAndEvents(Kubectl kubectl, KubernetesClient admin) throws Exception {
    java.util.concurrent.CopyOnWriteArrayList<String> preStops = new java.util.concurrent.CopyOnWriteArrayList<>();
    com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("0.0.0.0", 0), 0);
    http.createContext("/", ex -> {
      preStops.add(ex.getRequestURI().getPath());
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    http.start();
    try {
      String pods = """
          apiVersion: v1
          kind: Pod
          metadata: {name: hooked}
          spec:
            terminationGracePeriodSeconds: 10
            containers:
            - name: main
              image: j8s.local/busybox:1
              imagePullPolicy: IfNotPresent
              command: ["sh", "-c", "exec sleep 3600"]
              lifecycle:
                postStart: {exec: {command: ["sh", "-c", "sleep 2; echo hooked > /tmp/post-start"]}}
                preStop: {httpGet: {host: "10.88.134.1", port: %d, path: /pre-stop}}
              readinessProbe: {exec: {command: ["sh", "-c", "echo not-ready-yet; exit 1"]}, periodSeconds: 1}
          ---
          apiVersion: v1
          kind: Pod
          metadata: {name: bad-hook}
          spec:
            terminationGracePeriodSeconds: 1
            containers:
            - name: main
              image: j8s.local/busybox:1
              imagePullPolicy: IfNotPresent
              command: ["sh", "-c", "exec sleep 3600"]
              lifecycle:
                postStart: {exec: {command: ["sh", "-c", "echo no-such-thing; exit 3"]}}
          """.formatted(http.getAddress().getPort());
      kubectl.okWithInput(pods, "apply", "-f", "-");
      await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
          assertThat(kubectl.ok("get", "pod", "hooked", "-o", "jsonpath={.status.phase}")).isEqualTo("Running"));
      // Running only once the hook finished: its file is there as soon as the status says Running
      assertThat(kubectl.ok("exec", "hooked", "--", "cat", "/tmp/post-start").strip()).isEqualTo("hooked");
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kubectl.ok("get", "events", "--field-selector",
          "involvedObject.name=hooked", "-o", "jsonpath={range .items[*]}{.reason},{end}")).contains("Pulled,", "Created,", "Started,"));

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kubectl.ok("get", "events", "--field-selector",
          "involvedObject.name=hooked,reason=Unhealthy", "-o", "jsonpath={.items[0].message}"))
          .isEqualTo("Readiness probe failed: not-ready-yet"));
      kubectl.ok("delete", "pod", "hooked", "--wait=true", "--timeout=60s");
      assertThat(preStops).containsExactly("/pre-stop");
      assertThat(kubectl.ok("get", "events", "--field-selector", "involvedObject.name=hooked,reason=Killing",
          "-o", "jsonpath={.items[0].message}")).isEqualTo("Stopping container main");

      await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
        assertThat(kubectl.ok("get", "events", "--field-selector", "involvedObject.name=bad-hook,reason=FailedPostStartHook",
            "-o", "jsonpath={.items[0].message}")).contains("Exec lifecycle hook", "for Container \"main\" in Pod \"bad-hook_default(")
            .contains("no-such-thing");
        assertThat(admin.pods().inNamespace("default").withName("bad-hook").get().getStatus().getContainerStatuses().getFirst()
            .getRestartCount()).isGreaterThanOrEqualTo(1);
      });
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        String backOff = kubectl.ok("get", "events", "--field-selector", "involvedObject.name=bad-hook,reason=BackOff",
            "-o", "jsonpath={range .items[*]}{.count},{end}");
        assertThat(backOff.split(",")).hasSize(1); // one Event whose count rises
        assertThat(Integer.parseInt(backOff.split(",")[0])).isGreaterThanOrEqualTo(2);
      });
      kubectl.ok("delete", "pod", "bad-hook", "--wait=true", "--timeout=60s");
    } finally {
      http.stop(0);
    }
  }

  /**
   * The kubelet API authorizes as upstream's webhook mode: a user whose certificate the client CA
   * signed gets only what RBAC grants on nodes/stats, nodes/metrics, nodes/proxy (403 otherwise),
   * while the API server's own kubelet-client certificate may do everything (kubectl's proxy
   * requests above went through it).
   */
  static void kubeletAuthorization(Kubectl kubectl, Path dir) throws Exception {
    Path kubeconfig = dir.resolve("alice.yaml");
    io.j8s.apiserver.pki.ClusterPki.writeUserKubeconfig(dir, kubeconfig, "https://127.0.0.1:6443", "alice", List.of("dev"));
    var cfg = io.fabric8.kubernetes.client.Config.fromKubeconfig(Files.readString(kubeconfig));
    Path cert = dir.resolve("alice.crt");
    Path key = dir.resolve("alice.key");
    Files.write(cert, java.util.Base64.getDecoder().decode(cfg.getClientCertData()));
    Files.write(key, java.util.Base64.getDecoder().decode(cfg.getClientKeyData()));
    kubectl.ok("create", "clusterrole", "node-stats-reader", "--verb=get", "--resource=nodes/stats");
    kubectl.ok("create", "clusterrolebinding", "alice-node-stats", "--clusterrole=node-stats-reader", "--user=alice");
    ProcessRunner runner = new ProcessRunner();
    java.util.function.Function<String, String> curl = path -> {
      try {
        return runner.run("curl", "-sk", "--cert", cert.toString(), "--key", key.toString(), "-w", "\n%{http_code}",
            "https://127.0.0.1:10250" + path).stdout().strip();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
    assertThat(curl.apply("/stats/summary")).contains("\"nodeName\":\"" + NODE + "\"").endsWith("200");
    assertThat(curl.apply("/metrics")).isEqualTo("Forbidden (user=alice, verb=get, resource=nodes, subresource=metrics)\n403");
    assertThat(curl.apply("/pods")).endsWith("Forbidden (user=alice, verb=get, resource=nodes, subresource=proxy)\n403");
    assertThat(runner.run("curl", "-sk", "-o", "/dev/null", "-w", "%{http_code}", "https://127.0.0.1:10250/pods").stdout().strip())
        .isEqualTo("401"); // no certificate
  }

  static List<Container> containers(Agent agent, String podUid) {
    return agent.cri().listContainers().stream().filter(c -> podUid.equals(c.getLabelsMap().get("io.kubernetes.pod.uid"))).toList();
  }

  static Container running(Agent agent, String podUid) {
    return containers(agent, podUid).stream().filter(c -> c.getState() == ContainerState.CONTAINER_RUNNING).findFirst().orElseThrow();
  }
}
