package io.j8s.kubelet.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class PullSecretsTest {
  static String b64(String s) { return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)); }

  static Secret dockerConfigJson(String name, String authsJson) {
    return new SecretBuilder().withNewMetadata().withName(name).endMetadata().withType("kubernetes.io/dockerconfigjson")
        .addToData(".dockerconfigjson", b64("{\"auths\":" + authsJson + "}")).build();
  }

  @Test
  void matchesByHostAndPortAndPrefersTheMostSpecificKey() {
    Secret s = dockerConfigJson("regcred", """
        {"127.0.0.1:5000":{"username":"u1","password":"p1"},
         "127.0.0.1:5000/team":{"auth":"%s"},
         "127.0.0.1:6000":{"username":"other","password":"x"}}""".formatted(b64("u2:p:2")));
    var creds = PullSecrets.forImage("127.0.0.1:5000/team/app:1", List.of(s));
    assertThat(creds).extracting(PullSecrets.Credential::key).containsExactly("127.0.0.1:5000/team", "127.0.0.1:5000");
    assertThat(creds.get(0).auth().getUsername()).isEqualTo("u2");
    assertThat(creds.get(0).auth().getPassword()).isEqualTo("p:2"); // only the first colon splits
    assertThat(creds.get(1).auth().getUsername()).isEqualTo("u1");
    assertThat(PullSecrets.forImage("127.0.0.1:5000/teamx/app", List.of(s))).extracting(PullSecrets.Credential::key)
        .containsExactly("127.0.0.1:5000"); // a path prefix matches whole components only
    assertThat(PullSecrets.forImage("127.0.0.1/app", List.of(s))).isEmpty(); // the port is part of the host
  }

  @Test
  void schemesWildcardsAndDockerHubLegacyKeys() {
    Secret s = dockerConfigJson("c", """
        {"https://index.docker.io/v1/":{"username":"hub","password":"h"},
         "*.example.com":{"username":"wild","password":"w"},
         "http://reg.internal:5000/":{"username":"int","password":"i"}}""");
    assertThat(PullSecrets.forImage("busybox", List.of(s))).extracting(c -> c.auth().getUsername()).containsExactly("hub");
    assertThat(PullSecrets.forImage("eu.example.com/app", List.of(s))).extracting(c -> c.auth().getUsername()).containsExactly("wild");
    assertThat(PullSecrets.forImage("a.b.example.com/app", List.of(s))).isEmpty(); // one label per star
    assertThat(PullSecrets.forImage("reg.internal:5000/app:3", List.of(s))).extracting(c -> c.auth().getUsername()).containsExactly("int");
  }

  @Test
  void legacyDockercfgAndUnusableSecrets() {
    Secret legacy = new SecretBuilder().withNewMetadata().withName("old").endMetadata().withType("kubernetes.io/dockercfg")
        .addToData(".dockercfg", b64("{\"reg.io\":{\"auth\":\"" + b64("a:b") + "\"}}")).build();
    Secret opaque = new SecretBuilder().withNewMetadata().withName("opaque").endMetadata().withType("Opaque")
        .addToData(".dockerconfigjson", b64("{\"auths\":{\"reg.io\":{\"username\":\"x\"}}}")).build();
    Secret garbage = new SecretBuilder().withNewMetadata().withName("bad").endMetadata().withType("kubernetes.io/dockerconfigjson")
        .addToData(".dockerconfigjson", b64("{not json")).build();
    var creds = PullSecrets.forImage("reg.io/app", List.of(opaque, garbage, legacy));
    assertThat(creds).hasSize(1);
    assertThat(creds.get(0).auth().getUsername()).isEqualTo("a");
    assertThat(creds.get(0).auth().getPassword()).isEqualTo("b");
  }
}
