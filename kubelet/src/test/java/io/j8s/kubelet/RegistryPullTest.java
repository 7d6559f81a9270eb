package io.j8s.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.j8s.base.process.ProcessRunner;
import io.j8s.kubelet.cri.CriException;
import io.j8s.kubelet.cri.CriRuntime;
import io.j8s.kubelet.cri.v1.AuthConfig;
import io.j8s.kubelet.cri.v1.ImageSpec;
import io.j8s.kubelet.cri.v1.PullImageRequest;
import io.j8s.kubelet.images.LocalImages;
import io.j8s.kubelet.images.PullSecrets;
import io.j8s.kubelet.images.RegistryHosts;
import io.j8s.testkit.registry.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Pulls through CRI from a real registry (docker-registry with htpasswd auth, image pushed with
 * skopeo): containerd reaches it over plain HTTP through the hosts.toml j8s writes, and the
 * credentials come from a dockerconfigjson secret through {@link PullSecrets}. No sandbox is
 * needed to pull, so no CNI network either.
 */
@Tag("integration")
class RegistryPullTest {
  static Path dir;
  static ContainerRuntime runtime;
  static CriRuntime cri;
  static TestRegistry registry;
  static String image;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("j8s-registry-pull");
    registry = TestRegistry.start(dir.resolve("registry"), "puller", "s3cret-pw");
    Path images = dir.resolve("oci");
    List<Path> tars = LocalImages.writeTo(images, LocalImages.fromHost(new ProcessRunner()));
    Path busybox = tars.stream().filter(p -> p.getFileName().toString().contains("busybox")).findFirst().orElseThrow();
    image = registry.push(busybox, "team/busybox:2");
    runtime = ContainerRuntime.start(dir.resolve("agent"), Duration.ofSeconds(90), line -> System.out.println("j8s: " + line));
    cri = runtime.cri();
    RegistryHosts.writePlainHttp(runtime.paths().registryHosts(), List.of(registry.hostPort()));
  }

  @AfterAll
  static void stop() {
    if (runtime != null) runtime.close();
    if (registry != null) registry.close();
    new ProcessRunner().run("rm", "-rf", "--one-file-system", dir.toString());
  }

  static Secret regcred(String user, String password) {
    String json = "{\"auths\":{\"" + registry.hostPort() + "\":{\"auth\":\""
        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)) + "\"}}}";
    return new SecretBuilder().withNewMetadata().withName("regcred").endMetadata().withType("kubernetes.io/dockerconfigjson")
        .addToData(".dockerconfigjson", Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))).build();
  }

  static PullImageRequest request(AuthConfig auth) {
    PullImageRequest.Builder b = PullImageRequest.newBuilder().setImage(ImageSpec.newBuilder().setImage(image));
    if (auth != null) b.setAuth(auth);
    return b.build();
  }

  @Test
  void pullsWithTheSecretsCredentialsAndNotWithoutOrWithWrongOnes() {
    assertThatThrownBy(() -> cri.pullImage(request(null))).isInstanceOfSatisfying(CriException.class,
        e -> assertThat(e.getMessage()).contains("PullImage image " + image).containsIgnoringCase("unauthorized"));
    AuthConfig wrong = PullSecrets.forImage(image, List.of(regcred("puller", "nope"))).get(0).auth();
    assertThatThrownBy(() -> cri.pullImage(request(wrong))).isInstanceOfSatisfying(CriException.class,
        e -> assertThat(e.getMessage()).containsIgnoringCase("unauthorized"));
    assertThat(cri.imageStatus(image)).isEmpty();

    var creds = PullSecrets.forImage(image, List.of(regcred("puller", "s3cret-pw")));
    assertThat(creds).hasSize(1);
    long t0 = System.nanoTime();
    String ref = cri.pullImage(request(creds.get(0).auth()));
    System.out.printf("FIGURE pull of busybox (%.1f MB) from the local registry: %d ms%n",
        cri.imageStatus(image).orElseThrow().getSize() / 1e6, (System.nanoTime() - t0) / 1_000_000);
    assertThat(ref).startsWith("sha256:");
    assertThat(cri.imageStatus(image)).get().satisfies(i -> assertThat(i.getRepoTagsList()).contains(image));
  }
}
