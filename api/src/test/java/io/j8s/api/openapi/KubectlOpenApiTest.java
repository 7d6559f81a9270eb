package io.j8s.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.api.registry.ResourceRegistry;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the real kubectl against the generated OpenAPI documents served on loopback. */
@Tag("integration")
class KubectlOpenApiTest {
  @TempDir Path dir;
  FakeApiServer server;
  Path kubeconfig;

  @BeforeEach
  void start() throws IOException {
    server = new FakeApiServer(ResourceRegistry.builtins());
    kubeconfig = server.kubeconfig(dir);
  }

  @AfterEach
  void stop() { server.close(); }

  private KubectlRunner.Result kubectl(String stdin, String... args) throws Exception {
    return new KubectlRunner(dir, kubeconfig).run(stdin, args);
  }

  @Test
  void explainPodContainersListsTheirFields() throws Exception {
    KubectlRunner.Result r = kubectl(null, "explain", "pods.spec.containers");
    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("KIND:       Pod", "VERSION:    v1", "FIELD: containers <[]Container>")
        .containsPattern("\\n  image\\t<string>")
        .containsPattern("\\n  ports\\t<\\[\\]ContainerPort>")
        .containsPattern("\\n  resources\\t<ResourceRequirements>")
        .containsPattern("\\n  name\\t<string>");
  }

  @Test
  void explainFollowsQuantityMapsAndGroupedKinds() throws Exception {
    KubectlRunner.Result limits = kubectl(null, "explain", "pods.spec.containers.resources.limits");
    assertThat(limits.exit()).as(limits.err()).isZero();
    assertThat(limits.out()).contains("FIELD: limits <map[string]Quantity>");

    KubectlRunner.Result deploy = kubectl(null, "explain", "deployments.spec.strategy");
    assertThat(deploy.exit()).as(deploy.err()).isZero();
    assertThat(deploy.out()).contains("GROUP:      apps", "KIND:       Deployment", "FIELD: strategy <DeploymentStrategy>")
        .containsPattern("\\n  rollingUpdate\\t<RollingUpdateDeployment>");
  }

  @Test
  void createWithDefaultValidationAsksTheServerForStrictFieldValidation() throws Exception {
    KubectlRunner.Result r = kubectl("""
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
          - {name: c, image: busybox}
        """, "create", "-f", "-");
    assertThat(r.exit()).as(r.err()).isZero();
    FakeApiServer.Request post = server.requests.stream().filter(q -> q.method().equals("POST")).findFirst().orElseThrow();
    assertThat(post.path()).isEqualTo("/api/v1/namespaces/default/pods");
    assertThat(post.query()).contains("fieldValidation=Strict");
  }

  @Test
  void applyComputesTheStrategicMergePatchFromTheDocuments() throws Exception {
    String v1 = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - {name: a, image: busybox}
              - {name: b, image: busybox}
        """;
    assertThat(kubectl(v1, "apply", "-f", "-").exit()).isZero();
    KubectlRunner.Result r = kubectl(v1.replace("- {name: b, image: busybox}", "- {name: b, image: nginx}"), "apply", "-f", "-");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("openapi");
    FakeApiServer.Request patch = server.requests.stream().filter(q -> q.method().equals("PATCH")).findFirst().orElseThrow();
    assertThat(patch.contentType()).isEqualTo("application/strategic-merge-patch+json");
    assertThat(patch.query()).contains("fieldValidation=Strict");
    assertThat(patch.body()).contains("\"$setElementOrder/containers\":[{\"name\":\"a\"},{\"name\":\"b\"}]")
        .contains("{\"image\":\"nginx\",\"name\":\"b\"}");
  }
}
