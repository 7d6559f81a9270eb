package io.j8s.api.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.api.openapi.FakeApiServer;
import io.j8s.api.openapi.KubectlRunner;
import io.j8s.api.registry.ResourceRegistry;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl printing our Tables. */
@Tag("integration")
class KubectlGetTableTest {
  @TempDir Path dir;
  FakeApiServer server;
  KubectlRunner kubectl;

  @BeforeEach
  void start() throws Exception {
    server = new FakeApiServer(ResourceRegistry.builtins());
    kubectl = new KubectlRunner(dir, server.kubeconfig(dir));
    KubectlRunner.Result r = kubectl.run("""
        apiVersion: v1
        kind: Pod
        metadata: {name: web, labels: {app: web}}
        spec: {nodeName: n1, containers: [{name: c, image: busybox}]}
        status:
          phase: Running
          podIPs: [{ip: 10.42.0.5}]
          conditions: [{type: Ready, status: "True"}]
          containerStatuses: [{name: c, ready: true, restartCount: 0, image: busybox, imageID: "", state: {running: {}}}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: bad}
        spec: {containers: [{name: c, image: busybox}]}
        status:
          phase: Running
          containerStatuses: [{name: c, ready: false, restartCount: 4, image: busybox, imageID: "", state: {waiting: {reason: CrashLoopBackOff}}}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec: {type: NodePort, clusterIPs: [10.43.0.20], selector: {app: web}, ports: [{port: 80, nodePort: 30080, protocol: TCP}]}
        """, "create", "--validate=false", "-f", "-");
    assertThat(r.exit()).as(r.err()).isZero();
  }

  @AfterEach
  void stop() { server.close(); }

  static List<List<String>> lines(String out) {
    return out.lines().map(l -> Arrays.asList(l.trim().split("\\s{2,}"))).toList();
  }

  @Test
  void getPodsPrintsTheServerColumns() throws Exception {
    KubectlRunner.Result r = kubectl.run(null, "get", "pods");
    assertThat(r.exit()).as(r.err()).isZero();
    List<List<String>> l = lines(r.out());
    assertThat(l.get(0)).containsExactly("NAME", "READY", "STATUS", "RESTARTS", "AGE");
    assertThat(l.get(1).subList(0, 4)).containsExactly("bad", "0/1", "CrashLoopBackOff", "4");
    assertThat(l.get(2).subList(0, 4)).containsExactly("web", "1/1", "Running", "0");
    assertThat(l.get(2).get(4)).matches("\\d+s");
  }

  @Test
  void wideAndLabelsUsePriorityColumnsAndRowMetadata() throws Exception {
    KubectlRunner.Result wide = kubectl.run(null, "get", "pods", "-o", "wide");
    assertThat(wide.exit()).as(wide.err()).isZero();
    List<List<String>> l = lines(wide.out());
    assertThat(l.get(0)).containsExactly("NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES");
    assertThat(l.get(2)).containsSequence("10.42.0.5", "n1", "<none>", "<none>");

    KubectlRunner.Result labels = kubectl.run(null, "get", "pods", "--show-labels");
    assertThat(labels.exit()).as(labels.err()).isZero();
    assertThat(lines(labels.out()).get(0)).endsWith("LABELS");
    assertThat(lines(labels.out()).get(2)).endsWith("app=web");
  }

  @Test
  void getServices() throws Exception {
    KubectlRunner.Result r = kubectl.run(null, "get", "svc", "-o", "wide");
    assertThat(r.exit()).as(r.err()).isZero();
    List<List<String>> l = lines(r.out());
    assertThat(l.get(0)).containsExactly("NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE", "SELECTOR");
    assertThat(l.get(1)).containsSequence("web", "NodePort", "10.43.0.20", "<none>", "80:30080/TCP");
    assertThat(l.get(1)).endsWith("app=web");
  }
}
