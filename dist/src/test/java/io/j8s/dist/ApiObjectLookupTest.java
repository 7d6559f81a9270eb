package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.base.time.Clock;
import io.j8s.kubelet.env.ApiObjectLookup;
import io.j8s.kubelet.env.ContainerConfigException;
import io.j8s.kubelet.env.EnvContext;
import io.j8s.kubelet.env.EnvResolver;
import io.j8s.kubelet.env.ObjectLookup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import io.j8s.testkit.server.RunningServer;
import io.j8s.testkit.server.WithJ8sServer;

/** The kubelet's fabric8 lookups against the real API server: GETs with a TTL cache, 404 as absent, services from an informer. */
@Tag("integration")
@WithJ8sServer
class ApiObjectLookupTest {
  @Test
  void readsConfigMapsSecretsAndServicesForTheEnvironment(RunningServer server) throws Exception {
    try (KubernetesClient c = server.client()) {
      c.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("lk").endMetadata().build()).create();
      c.configMaps().inNamespace("lk").resource(new ConfigMapBuilder().withNewMetadata().withName("cfg").endMetadata()
          .withData(Map.of("A", "1")).build()).create();
      c.secrets().inNamespace("lk").resource(new SecretBuilder().withNewMetadata().withName("sec").endMetadata()
          .withStringData(Map.of("PW", "s3cr3t")).build()).create();
      c.services().inNamespace("lk").resource(new ServiceBuilder().withNewMetadata().withName("web-api").endMetadata()
          .withNewSpec().addNewPort().withPort(8080).endPort().withSelector(Map.of("app", "web")).endSpec().build()).create();

      try (ApiObjectLookup lookup = ApiObjectLookup.start(c, Duration.ofMillis(500), Clock.system())) {
        assertThat(lookup.configMap("lk", "cfg")).get().satisfies(cm -> assertThat(cm.getData()).containsEntry("A", "1"));
        assertThat(lookup.configMap("lk", "absent")).isEmpty();
        assertThat(lookup.secret("lk", "absent")).isEmpty();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptionsInstanceOf(ObjectLookup.LookupException.class)
            .until(() -> lookup.services().stream().anyMatch(s -> s.getMetadata().getName().equals("web-api")));

        Container ctr = new ContainerBuilder().withName("c").withImage("busybox")
            .withEnvFrom(new EnvFromSourceBuilder().withNewConfigMapRef("cfg", null).build(),
                new EnvFromSourceBuilder().withNewSecretRef("sec", null).build()).build();
        Pod pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("lk").withUid("u").endMetadata()
            .withNewSpec().withContainers(ctr).endSpec().build();
        EnvResolver resolver = new EnvResolver(lookup);
        EnvContext ctx = new EnvContext(List.of("10.42.0.9"), List.of("10.0.0.1"), Map.of());
        Map<String, String> env = resolver.resolve(pod, ctr, ctx).asMap();
        assertThat(env).containsEntry("A", "1").containsEntry("PW", "s3cr3t").containsKey("WEB_API_SERVICE_HOST")
            .containsEntry("WEB_API_SERVICE_PORT", "8080");

        // a change is seen once the cached copy is older than the TTL
        c.configMaps().inNamespace("lk").withName("cfg").edit(cm -> new ConfigMapBuilder(cm).withData(Map.of("A", "2")).build());
        await().atMost(Duration.ofSeconds(10)).until(() -> "2".equals(lookup.configMap("lk", "cfg").orElseThrow().getData().get("A")));

        c.configMaps().inNamespace("lk").withName("cfg").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> lookup.configMap("lk", "cfg").isEmpty());
        assertThatThrownBy(() -> resolver.resolve(pod, ctr, ctx)).isInstanceOf(ContainerConfigException.class)
            .hasMessage("configmap \"cfg\" not found");
      }
    }
  }
}
