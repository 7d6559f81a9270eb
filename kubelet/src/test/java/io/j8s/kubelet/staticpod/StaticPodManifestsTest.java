package io.j8s.kubelet.staticpod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.j8s.kubelet.pod.StaticPods;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaticPodManifestsTest {
  static final String WEB = """
      apiVersion: v1
      kind: Pod
      metadata: {name: web, labels: {app: web}}
      spec:
        containers: [{name: c, image: j8s.local/busybox:1, command: [sleep, "3600"]}]
      """;

  @Test
  void aFilePodIsNamedDefaultedAndAnnotatedAsUpstream() throws Exception {
    Pod p = StaticPodManifests.parse(WEB, "/m/web.yaml", "Node-1").getFirst();
    assertThat(p.getMetadata().getName()).isEqualTo("web-node-1");
    assertThat(p.getMetadata().getNamespace()).isEqualTo("default");
    assertThat(p.getMetadata().getUid()).matches("[0-9a-f]{32}");
    assertThat(p.getMetadata().getAnnotations()).containsEntry(StaticPods.CONFIG_SOURCE, "file")
        .containsEntry(StaticPods.CONFIG_HASH, p.getMetadata().getUid());
    assertThat(p.getMetadata().getLabels()).containsEntry("app", "web");
    assertThat(p.getSpec().getNodeName()).isEqualTo("Node-1");
    assertThat(p.getSpec().getRestartPolicy()).isEqualTo("Always");
    assertThat(p.getSpec().getTerminationGracePeriodSeconds()).isEqualTo(30L);
    assertThat(p.getSpec().getTolerations()).anyMatch(t -> "Exists".equals(t.getOperator()) && "NoExecute".equals(t.getEffect())
        && t.getKey() == null);
    assertThat(p.getStatus().getPhase()).isEqualTo("Pending");
    assertThat(StaticPods.isStatic(p)).isTrue();
    assertThat(StaticPods.isMirror(p)).isFalse();
  }

  @Test
  void theUidFollowsContentNodeAndFileAndNothingElse() throws Exception {
    String uid = uid(WEB, "/m/web.yaml", "n1");
    assertThat(uid(WEB, "/m/web.yaml", "n1")).isEqualTo(uid);
    assertThat(uid(WEB.replace("3600", "3601"), "/m/web.yaml", "n1")).isNotEqualTo(uid);
    assertThat(uid(WEB, "/m/web.yaml", "n2")).isNotEqualTo(uid);
    assertThat(uid(WEB, "/m/other.yaml", "n1")).isNotEqualTo(uid);
    assertThat(uid(WEB.replace("labels: {app: web}", "labels: {app: web}, namespace: kube-system"), "/m/web.yaml", "n1"))
        .isNotEqualTo(uid);
  }

  @Test
  void anExplicitNamespaceAndUidAreKept() throws Exception {
    Pod p = StaticPodManifests.parse(WEB.replace("name: web,", "name: web, namespace: kube-system, uid: fixed,"), "f", "n").getFirst();
    assertThat(p.getMetadata().getNamespace()).isEqualTo("kube-system");
    assertThat(p.getMetadata().getUid()).isEqualTo("fixed");
  }

  @Test
  void severalYamlDocumentsAJsonPodAndAListAllGivePods() throws Exception {
    List<Pod> two = StaticPodManifests.parse(WEB + "---\n" + WEB.replace("name: web", "name: db"), "f", "n");
    assertThat(two).extracting(p -> p.getMetadata().getName()).containsExactly("web-n", "db-n");
    assertThat(two.get(0).getMetadata().getUid()).isNotEqualTo(two.get(1).getMetadata().getUid());
    String json = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"j"},"spec":{"containers":[{"name":"c","image":"i"}]}}""";
    assertThat(StaticPodManifests.parse(json, "f.json", "n")).extracting(p -> p.getMetadata().getName()).containsExactly("j-n");
    String list = "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[" + json + "," + json.replace("\"j\"", "\"k\"") + "]}";
    assertThat(StaticPodManifests.parse(list, "l.json", "n")).extracting(p -> p.getMetadata().getName()).containsExactly("j-n", "k-n");
  }

  @Test
  void whatIsNotAPodIsRefusedNamingTheFile() {
    assertThatThrownBy(() -> StaticPodManifests.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n", "/m/cm.yaml", "n"))
        .hasMessageContaining("/m/cm.yaml").hasMessageContaining("ConfigMap");
    assertThatThrownBy(() -> StaticPodManifests.parse(WEB.replace("metadata: {name: web, labels: {app: web}}", "metadata: {}"), "/m/x", "n"))
        .hasMessageContaining("metadata.name");
    assertThatThrownBy(() -> StaticPodManifests.parse("apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {}\n", "/m/x", "n"))
        .hasMessageContaining("no containers");
    assertThatThrownBy(() -> StaticPodManifests.parse("{not yaml: [", "/m/bad", "n")).hasMessageContaining("/m/bad");
  }

  static String uid(String text, String source, String node) throws Exception {
    return StaticPodManifests.parse(text, source, node).getFirst().getMetadata().getUid();
  }
}
