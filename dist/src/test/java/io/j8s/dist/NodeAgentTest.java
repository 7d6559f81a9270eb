package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.j8s.base.process.ProcessRunner;
import io.j8s.controllers.runtime.ControllerOptions;
import io.j8s.kubelet.Agent;
import io.j8s.kubelet.AgentConfig;
import io.j8s.testkit.kubectl.Kubectl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server with a real node agent (containerd inside the test's network namespace) joined with
 * the node token and the server's CA, as {@code j8s agent} does: the Node turns Ready with
 * upstream's labels, addresses, capacity, nodeInfo and images; its Lease is renewed; it gets a
 * podCIDR and the CNI conflist appears; a deleted Node is registered again; and once the agent
 * stops, the node lifecycle controller (15 s grace period) marks it Unknown. Pod CIDR
 * 10.88.52.0/24 (cluster CIDR 10.88.52.0/23), used by no other test.
 */
@Tag("integration")
class NodeAgentTest {
  static final String NODE = "agent-it";
  static final ControllerOptions OPTIONS = new ControllerOptions("10.88.52.0/23", 24, Duration.ofSeconds(15), null);
  final List<String> progress = new ArrayList<>();

  @AfterEach
  void removeBridge() {
    // the bridge outlives the agent (as pods would); drop it so no later test in this namespace meets it
    new ProcessRunner().run("ip", "link", "del", "cni0");
  }

  static Node node(KubernetesClient c) { return c.nodes().withName(NODE).get(); }

  static String condition(Node n, String type) {
    if (n == null || n.getStatus() == null || n.getStatus().getConditions() == null) return null;
    return n.getStatus().getConditions().stream().filter(x -> x.getType().equals(type)).map(NodeCondition::getStatus).findFirst().orElse(null);
  }

  @Test
  void aRealNodeJoinsHeartbeatsAndIsLostWhenItStops(@TempDir Path dir) throws Exception {
    try (ServerRuntime rt = NodeControllersTest.start(dir, OPTIONS); KubernetesClient admin = NodeControllersTest.client(dir)) {
      Path ca = dir.resolve("server/tls/server-ca.crt");
      assertThat(ca).exists();
      String token = Files.readString(dir.resolve("server/node-token")).trim();
      Path agentDir = dir; // as the embedded agent: <data-dir>/agent, removed with the temporary dir
      java.util.function.Consumer<String> log = line -> {
        System.out.println("j8s: " + line);
        synchronized (progress) { progress.add(line); }
      };
      // TLS bootstrap: the token only obtains the node's certificate (CSR auto-approved and signed)
      KubernetesClient agentClient = AgentCommand.nodeClient("https://127.0.0.1:" + rt.api().port(), token, ca,
          AgentConfig.of(agentDir, NODE, null, null, CniPodNetwork.debian(null, null, io.j8s.network.flannel.Backend.VXLAN, log), log),
          Duration.ofSeconds(60));
      assertThat(new Kubectl(dir.resolve("kubeconfig.yaml")).ok("get", "csr", "-o", "jsonpath={.items[*].spec.signerName}"))
          .contains("kubernetes.io/kube-apiserver-client-kubelet");
      Agent agent = Agent.start(agentClient, AgentConfig.of(agentDir, NODE, null, null,
          CniPodNetwork.debian(agentClient, "10.88.52.0/23", io.j8s.network.flannel.Backend.VXLAN, log), log));
      try {
        assertThat(agent.awaitReady(Duration.ofSeconds(90))).as("Ready within 90 s; progress: %s", progress).isTrue();
        Kubectl kubectl = new Kubectl(dir.resolve("kubeconfig.yaml"));
        assertThat(kubectl.ok("get", "nodes")).containsPattern(NODE + "\\s+Ready\\s");
        assertThat(kubectl.ok("get", "nodes", "-o", "wide")).contains("v1.32.0-j8s").contains("containerd://");

        JsonNode n = new ObjectMapper().readTree(kubectl.ok("get", "node", NODE, "-o", "json"));
        JsonNode labels = n.at("/metadata/labels");
        assertThat(labels.get("kubernetes.io/hostname").asText()).isEqualTo(NODE);
        assertThat(labels.get("kubernetes.io/os").asText()).isEqualTo("linux");
        assertThat(labels.get("kubernetes.io/arch").asText()).isEqualTo("amd64");
        assertThat(labels.get("beta.kubernetes.io/os").asText()).isEqualTo("linux");
        assertThat(labels.get("beta.kubernetes.io/arch").asText()).isEqualTo("amd64");
        JsonNode status = n.get("status");
        List<String> addresses = new ArrayList<>();
        status.get("addresses").forEach(a -> addresses.add(a.get("type").asText() + "=" + a.get("address").asText()));
        assertThat(addresses).hasSize(2).anyMatch(a -> a.startsWith("InternalIP=")).contains("Hostname=" + NODE);
        for (String r : List.of("cpu", "memory", "pods", "ephemeral-storage")) {
          assertThat(status.at("/capacity/" + r).asText()).as(r).isNotEmpty();
          assertThat(status.at("/allocatable/" + r).asText()).as(r).isNotEmpty();
        }
        assertThat(status.at("/capacity/pods").asText()).isEqualTo("110");
        assertThat(status.at("/capacity/cpu").asText()).isEqualTo(Integer.toString(agent.facts().cpuCores()));
        assertThat(status.at("/capacity/memory").asText()).endsWith("Ki");
        assertThat(status.at("/daemonEndpoints/kubeletEndpoint/Port").asInt()).isEqualTo(10250);
        JsonNode info = status.get("nodeInfo");
        assertThat(info.get("kubeletVersion").asText()).isEqualTo("v1.32.0-j8s");
        assertThat(info.get("containerRuntimeVersion").asText()).startsWith("containerd://1.");
        assertThat(info.get("operatingSystem").asText()).isEqualTo("linux");
        assertThat(info.get("architecture").asText()).isEqualTo("amd64");
        assertThat(info.get("kernelVersion").asText()).isNotEmpty();
        assertThat(info.get("osImage").asText()).isNotEmpty();
        assertThat(info.get("bootID").asText()).isNotEmpty();
        List<String> images = new ArrayList<>();
        status.get("images").forEach(i -> i.get("names").forEach(x -> images.add(x.asText())));
        assertThat(images).contains("j8s.local/busybox:1", "j8s.local/pause:1");
        List<String> conditions = new ArrayList<>();
        status.get("conditions").forEach(c -> conditions.add(c.get("type").asText() + "=" + c.get("status").asText()));
        assertThat(conditions).contains("Ready=True", "MemoryPressure=False", "DiskPressure=False", "PIDPressure=False");

        // podCIDR and the CNI conflist
        assertThat(n.at("/spec/podCIDR").asText()).isEqualTo("10.88.52.0/24");
        Path conflist = agentDir.resolve("agent/cni/net.d/10-j8s.conflist");
        assertThat(conflist).exists();
        assertThat(Files.readString(conflist)).contains("\"subnet\" : \"10.88.52.0/24\"").contains(agentDir.resolve("agent/cni/ipam").toString());
        assertThat(progress).anyMatch(l -> l.startsWith("waiting for spec.podCIDR on node " + NODE))
            .anyMatch(l -> l.startsWith("CNI config written")).anyMatch(l -> l.startsWith("containerd started"));

        // the Lease, owned by the Node, renewed
        String uid = n.at("/metadata/uid").asText();
        Lease lease = admin.leases().inNamespace("kube-node-lease").withName(NODE).get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(NODE);
        assertThat(lease.getSpec().getLeaseDurationSeconds()).isEqualTo(40);
        assertThat(lease.getMetadata().getOwnerReferences()).singleElement().satisfies(r -> {
          assertThat(r.getKind()).isEqualTo("Node");
          assertThat(r.getUid()).isEqualTo(uid);
        });
        ZonedDateTime first = lease.getSpec().getRenewTime();
        await().atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofSeconds(1)).until(() ->
            admin.leases().inNamespace("kube-node-lease").withName(NODE).get().getSpec().getRenewTime().isAfter(first));

        // a deleted Node comes back with the next status update
        admin.nodes().withName(NODE).delete();
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() -> {
          Node back = node(admin);
          return back != null && !uid.equals(back.getMetadata().getUid()) && "True".equals(condition(back, "Ready"));
        });
        String newUid = node(admin).getMetadata().getUid();
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1)).until(() -> {
          Lease l = admin.leases().inNamespace("kube-node-lease").withName(NODE).get();
          return l != null && l.getMetadata().getOwnerReferences() != null
              && l.getMetadata().getOwnerReferences().stream().anyMatch(r -> newUid.equals(r.getUid()));
        });
      } finally {
        agent.close();
        agentClient.close();
      }
      assertThat(agent.cri()).isNotNull();

      // the agent is gone: the node lifecycle controller marks the node Unknown after the grace period
      long t0 = System.nanoTime();
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> "Unknown".equals(condition(node(admin), "Ready")));
      System.out.printf("FIGURE node Unknown %d s after the agent stopped (grace period 15 s)%n", (System.nanoTime() - t0) / 1_000_000_000L);
      assertThat(kubectl(dir).ok("get", "nodes")).containsPattern(NODE + "\\s+NotReady\\s");
      NodeCondition ready = node(admin).getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
      assertThat(ready.getReason()).isEqualTo("NodeStatusUnknown");
    }
  }

  static Kubectl kubectl(Path dir) { return new Kubectl(dir.resolve("kubeconfig.yaml")); }
}
