package io.j8s.kubelet.env;

import static io.j8s.kubelet.env.Pods.container;
import static io.j8s.kubelet.env.Pods.ctx;
import static io.j8s.kubelet.env.Pods.port;
import static io.j8s.kubelet.env.Pods.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvResolverTest {
  final MapLookup lookup = new MapLookup()
      .configMap("ns1", "cfg", Map.of("B", "b1", "A", "a1", "1BAD", "x", "with.dot", "d", "-dash", "e"))
      .configMap("ns1", "cfg2", Map.of("A", "a2", "C", "c2"))
      .secret("ns1", "sec", Map.of("PASSWORD", "s3cr3t", "9NO", "n"))
      .service(service("default", "kubernetes", "10.43.0.1", port("https", 443, "TCP")))
      .service(service("ns1", "db", "10.43.0.9", port("", 5432, "TCP")));
  final EnvResolver resolver = new EnvResolver(lookup);

  static io.fabric8.kubernetes.api.model.EnvVar value(String n, String v) {
    return new EnvVarBuilder().withName(n).withValue(v).build();
  }

  ResolvedEnv resolve(Container c) throws ContainerConfigException {
    return resolver.resolve(Pods.simple(c), c, ctx());
  }

  ResolvedEnv resolve(Pod p) throws ContainerConfigException {
    return resolver.resolve(p, p.getSpec().getContainers().get(0), ctx());
  }

  @Test
  void envFromThenEnvWithExpansionAndServicesLast() throws Exception {
    Container c = container("c")
        .withEnvFrom(new EnvFromSourceBuilder().withNewConfigMapRef("cfg", null).build(),
            new EnvFromSourceBuilder().withPrefix("P_").withNewSecretRef("sec", null).build(),
            new EnvFromSourceBuilder().withNewConfigMapRef("cfg2", null).build())
        .withEnv(value("X", "$(A)-$(P_PASSWORD)-$(DB_SERVICE_HOST)-$(Y)"), value("Y", "y"), value("Z", "$(Y)$$(Y)"),
            value("A", "override"), value("EMPTY", null))
        .build();
    ResolvedEnv env = resolve(c);
    // envFrom keys sorted per source; a later source and env replace values in place
    assertThat(env.vars().subList(0, 8)).containsExactly(new EnvVar("-dash", "e"), new EnvVar("A", "override"),
        new EnvVar("B", "b1"), new EnvVar("with.dot", "d"), new EnvVar("P_9NO", "n"), new EnvVar("P_PASSWORD", "s3cr3t"),
        new EnvVar("C", "c2"), new EnvVar("X", "a2-s3cr3t-10.43.0.9-$(Y)"));
    assertThat(env.vars().subList(8, 11)).containsExactly(new EnvVar("Y", "y"), new EnvVar("Z", "y$(Y)"), new EnvVar("EMPTY", ""));
    assertThat(env.vars().subList(11, env.vars().size())).extracting(EnvVar::name)
        .contains("KUBERNETES_SERVICE_HOST", "DB_SERVICE_HOST", "DB_PORT_5432_TCP_ADDR").isSorted();
    // invalid names from envFrom are skipped, with upstream's event
    assertThat(env.asMap()).doesNotContainKey("1BAD");
    assertThat(env.warnings()).containsExactly(new ResolvedEnv.Warning("InvalidEnvironmentVariableNames",
        "Keys [1BAD] from the EnvFrom configMap ns1/cfg were skipped since they are considered invalid environment variable names."));
    assertThat(env.toCri()).hasSize(env.vars().size());
    assertThat(env.toCri().get(0).getKey()).isEqualTo("-dash");
    assertThat(lookup.reads.get()).isEqualTo(3); // each object read once
  }

  @Test
  void prefixCanMakeSecretKeysValidAndInvalidOnesAreReportedPerSource() throws Exception {
    Container c = container("c").withEnvFrom(new EnvFromSourceBuilder().withNewSecretRef("sec", null).build()).build();
    ResolvedEnv env = resolve(c);
    assertThat(env.asMap()).containsOnlyKeys("PASSWORD", "KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT",
        "KUBERNETES_SERVICE_PORT_HTTPS", "KUBERNETES_PORT", "KUBERNETES_PORT_443_TCP", "KUBERNETES_PORT_443_TCP_PROTO",
        "KUBERNETES_PORT_443_TCP_PORT", "KUBERNETES_PORT_443_TCP_ADDR", "DB_SERVICE_HOST", "DB_SERVICE_PORT", "DB_PORT",
        "DB_PORT_5432_TCP", "DB_PORT_5432_TCP_PROTO", "DB_PORT_5432_TCP_PORT", "DB_PORT_5432_TCP_ADDR");
    assertThat(env.warnings()).singleElement().extracting(ResolvedEnv.Warning::message).asString()
        .startsWith("Keys [9NO] from the EnvFrom secret ns1/sec were skipped");
  }

  @Test
  void serviceLinksOffKeepsOnlyKubernetesAndContainerOverridesServiceVariables() throws Exception {
    Container c = container("c").withEnv(value("KUBERNETES_SERVICE_HOST", "mine")).build();
    Pod p = Pods.pod(c).editSpec().withEnableServiceLinks(false).endSpec().build();
    ResolvedEnv env = resolve(p);
    assertThat(env.vars().get(0)).isEqualTo(new EnvVar("KUBERNETES_SERVICE_HOST", "mine"));
    assertThat(env.vars()).extracting(EnvVar::name).doesNotHaveDuplicates().noneMatch(n -> n.startsWith("DB_"))
        .contains("KUBERNETES_PORT");
  }

  @Test
  void missingObjectsAndKeysAreTypedErrorsWithUpstreamsMessages() {
    assertError(container("c").withEnvFrom(new EnvFromSourceBuilder().withNewConfigMapRef("nope", false).build()).build(),
        "configmap \"nope\" not found");
    assertError(container("c").withEnvFrom(new EnvFromSourceBuilder().withNewSecretRef("nope", null).build()).build(),
        "secret \"nope\" not found");
    assertError(container("c").withEnv(new EnvVarBuilder().withName("V").withNewValueFrom()
        .withNewConfigMapKeyRef("k", "nope", null).endValueFrom().build()).build(), "configmap \"nope\" not found");
    assertError(container("c").withEnv(new EnvVarBuilder().withName("V").withNewValueFrom()
        .withNewConfigMapKeyRef("k", "cfg", false).endValueFrom().build()).build(), "couldn't find key k in ConfigMap ns1/cfg");
    assertError(container("c").withEnv(new EnvVarBuilder().withName("V").withNewValueFrom()
        .withNewSecretKeyRef("k", "sec", null).endValueFrom().build()).build(), "couldn't find key k in Secret ns1/sec");
    assertError(container("c").withEnv(new EnvVarBuilder().withName("V").withNewValueFrom()
        .withNewSecretKeyRef("k", "gone", null).endValueFrom().build()).build(), "secret \"gone\" not found");
    assertThat(ContainerConfigException.REASON).isEqualTo("CreateContainerConfigError");
  }

  @Test
  void lookupFailuresBecomeConfigErrorsToo() {
    lookup.failWith = "cannot read configmap/ns1/cfg: connection refused";
    assertError(container("c").withEnvFrom(new EnvFromSourceBuilder().withNewConfigMapRef("cfg", true).build()).build(),
        "cannot read configmap/ns1/cfg: connection refused");
  }

  void assertError(Container c, String message) {
    assertThatThrownBy(() -> resolve(c)).isInstanceOf(ContainerConfigException.class).hasMessage(message);
  }

  @Test
  void optionalSourcesAndKeysAreSkippedAndKeepEarlierValues() throws Exception {
    Container c = container("c")
        .withEnvFrom(new EnvFromSourceBuilder().withNewConfigMapRef("nope", true).build(),
            new EnvFromSourceBuilder().withNewSecretRef("nope", true).build(),
            new EnvFromSourceBuilder().withNewConfigMapRef("cfg2", null).build())
        .withEnv(
            new EnvVarBuilder().withName("A").withNewValueFrom().withNewConfigMapKeyRef("missing", "cfg2", true).endValueFrom().build(),
            new EnvVarBuilder().withName("B").withNewValueFrom().withNewConfigMapKeyRef("k", "nope", true).endValueFrom().build(),
            new EnvVarBuilder().withName("C").withNewValueFrom().withNewSecretKeyRef("missing", "sec", true).endValueFrom().build(),
            new EnvVarBuilder().withName("D").withNewValueFrom().withNewSecretKeyRef("PASSWORD", "sec", true).endValueFrom().build(),
            new EnvVarBuilder().withName("E").withNewValueFrom().withNewConfigMapKeyRef("C", "cfg2", null).endValueFrom().build())
        .build();
    Map<String, String> env = resolve(c).asMap();
    assertThat(env).containsEntry("A", "a2").doesNotContainKey("B").containsEntry("C", "c2").containsEntry("D", "s3cr3t")
        .containsEntry("E", "c2");
  }

  @Test
  void fieldRefs() throws Exception {
    Container c = container("c").withEnv(
        field("NAME", "metadata.name"), field("NS", "metadata.namespace"), field("UID", "metadata.uid"),
        field("APP", "metadata.labels['app']"), field("NOTE", "metadata.annotations['note']"),
        field("MISSING", "metadata.labels['absent']"), field("LABELS", "metadata.labels"),
        field("ANNOTATIONS", "metadata.annotations"), field("NODE", "spec.nodeName"), field("OLDNODE", "spec.host"),
        field("SA", "spec.serviceAccountName"), field("HOST_IP", "status.hostIP"), field("HOST_IPS", "status.hostIPs"),
        field("POD_IP", "status.podIP"), field("POD_IPS", "status.podIPs"), value("URL", "http://$(POD_IP):80/$(NAME)"))
        .build();
    Map<String, String> env = resolve(c).asMap();
    assertThat(env).containsEntry("NAME", "web").containsEntry("NS", "ns1").containsEntry("UID", "uid-1")
        .containsEntry("APP", "web").containsEntry("NOTE", "say \"hi\"\n").containsEntry("MISSING", "")
        .containsEntry("LABELS", "app=\"web\"\ntier=\"front\"").containsEntry("ANNOTATIONS", "note=\"say \\\"hi\\\"\\n\"")
        .containsEntry("NODE", "node-a").containsEntry("OLDNODE", "node-a").containsEntry("SA", "sa")
        .containsEntry("HOST_IP", "192.168.1.10").containsEntry("HOST_IPS", "192.168.1.10")
        .containsEntry("POD_IP", "10.88.0.5").containsEntry("POD_IPS", "10.88.0.5,fd00::5")
        .containsEntry("URL", "http://10.88.0.5:80/web");
  }

  @Test
  void fieldRefErrors() {
    assertError(container("c").withEnv(field("X", "spec.containers")).build(), "field label not supported: spec.containers");
    assertError(container("c").withEnv(field("X", "metadata.name['x']")).build(),
        "field label does not support subscript: metadata.name['x']");
    assertError(container("c").withEnv(field("X", "status.phase")).build(), "unsupported fieldPath: status.phase");
    Container v2 = container("c").withEnv(new EnvVarBuilder().withName("X").withNewValueFrom().withNewFieldRef("v2", "metadata.name")
        .endValueFrom().build()).build();
    assertError(v2, "unsupported pod version: v2");
  }

  @Test
  void hostIpWithoutNodeAddressesIsAnError() {
    Container c = container("c").withEnv(field("H", "status.hostIP")).build();
    assertThatThrownBy(() -> resolver.resolve(Pods.simple(c), c, new EnvContext(List.of(), List.of(), Map.of())))
        .isInstanceOf(ContainerConfigException.class);
  }

  @Test
  void resourceFieldRefsDefaultMissingLimitsToNodeAllocatable() throws Exception {
    Container c = container("c")
        .withNewResources().withRequests(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("64Mi")))
        .withLimits(Map.of("memory", new Quantity("128Mi"))).endResources()
        .withEnv(res("CPU_LIMIT", "limits.cpu", null, null), res("CPU_REQ", "requests.cpu", null, null),
            res("CPU_REQ_M", "requests.cpu", "1m", null), res("MEM_LIMIT", "limits.memory", null, null),
            res("MEM_LIMIT_MI", "limits.memory", "1Mi", null), res("MEM_REQ_KI", "requests.memory", "1Ki", null),
            res("EPH", "limits.ephemeral-storage", "1Gi", null), res("EPH_REQ", "requests.ephemeral-storage", null, null),
            res("OTHER_CPU", "limits.cpu", "1m", "side"))
        .build();
    Container side = container("side").withNewResources().withLimits(Map.of("cpu", new Quantity("1500m"))).endResources().build();
    Pod p = Pods.pod(c, side).build();
    Map<String, String> env = resolve(p).asMap();
    assertThat(env).containsEntry("CPU_LIMIT", "4").containsEntry("CPU_REQ", "1").containsEntry("CPU_REQ_M", "250")
        .containsEntry("MEM_LIMIT", String.valueOf(128L << 20)).containsEntry("MEM_LIMIT_MI", "128")
        .containsEntry("MEM_REQ_KI", "65536").containsEntry("EPH", "100").containsEntry("EPH_REQ", "0")
        .containsEntry("OTHER_CPU", "1500");
    assertError(container("c").withEnv(res("X", "limits.gpu", null, null)).build(), "unsupported container resource : limits.gpu");
    assertError(container("c").withEnv(res("X", "limits.cpu", null, "ghost")).build(), "container ghost not found");
  }

  static io.fabric8.kubernetes.api.model.EnvVar field(String name, String path) {
    return new EnvVarBuilder().withName(name).withNewValueFrom().withNewFieldRef(null, path).endValueFrom().build();
  }

  static io.fabric8.kubernetes.api.model.EnvVar res(String name, String resource, String divisor, String container) {
    return new EnvVarBuilder().withName(name).withNewValueFrom()
        .withResourceFieldRef(new io.fabric8.kubernetes.api.model.ResourceFieldSelector(container,
            divisor == null ? null : new Quantity(divisor), resource)).endValueFrom().build();
  }
}
