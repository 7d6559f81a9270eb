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
 * deletes the mirror; with the API server gone, a new manifest still runs. Pod CIDR
 * 10.88.136.0/24 (cluster CIDR 10.88.136.0/23), used by no other test.
 */
@Tag("integration")
class StaticPodTest {
  static final String NODE = "static-it";
  static final String MIRROR = "web-" + NODE;
  static final ControllerOptions OPTIONS = new ControllerOptions("10.88.136.0/23", 24, Duration.ofSeconds(40), null);

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
      Agent node = Agent.start(admin, AgentConfig.of(dir, NODE, null, null, CniPodNetwork.debian(), line -> System.out.println("j8s: " + line)));
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
      assertThat(mirror.getStatus().getPodIP()).startsWith("10.88.136.");
      String container1 = running(node, hash1).getId();
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(kubectl.ok("-n", "kube-system", "logs", MIRROR)).contains("version-1"));

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

  static List<Container> containers(Agent agent, String podUid) {
    return agent.cri().listContainers().stream().filter(c -> podUid.equals(c.getLabelsMap().get("io.kubernetes.pod.uid"))).toList();
  }

  static Container running(Agent agent, String podUid) {
    return containers(agent, podUid).stream().filter(c -> c.getState() == ContainerState.CONTAINER_RUNNING).findFirst().orElseThrow();
  }
}
