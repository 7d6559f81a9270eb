package io.j8s.api.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefaulterTest {
  static PodSpec spec(Container... cs) { return new PodSpecBuilder().withContainers(cs).build(); }

  static Container c(String image) { return new ContainerBuilder().withName("c").withImage(image).build(); }

  static Pod pod(Container... cs) {
    Pod p = new PodBuilder().withNewMetadata().withName("p").endMetadata().withSpec(spec(cs)).build();
    Defaulter.apply(p);
    return p;
  }

  @Test
  void podSpecDefaults() {
    PodSpec s = pod(c("nginx")).getSpec();
    assertThat(s.getRestartPolicy()).isEqualTo("Always");
    assertThat(s.getDnsPolicy()).isEqualTo("ClusterFirst");
    assertThat(s.getSchedulerName()).isEqualTo("default-scheduler");
    assertThat(s.getTerminationGracePeriodSeconds()).isEqualTo(30L);
    assertThat(s.getSecurityContext()).isNotNull();
    assertThat(s.getEnableServiceLinks()).isTrue();
    Container c = s.getContainers().get(0);
    assertThat(c.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
    assertThat(c.getTerminationMessagePolicy()).isEqualTo("File");
  }

  @ParameterizedTest
  @CsvSource({
      "nginx, Always",
      "nginx:latest, Always",
      "nginx:1.25, IfNotPresent",
      "docker.io/library/nginx:1.25, IfNotPresent",
      "localhost:5000/nginx, Always",
      "localhost:5000/nginx:latest, Always",
      "localhost:5000/nginx:v2, IfNotPresent",
      "nginx@sha256:0123456789abcdef, IfNotPresent",
      "nginx:latest@sha256:0123456789abcdef, IfNotPresent",
      "registry.example.com/team/app:latestish, IfNotPresent",
  })
  void imagePullPolicyFollowsTheTag(String image, String policy) {
    assertThat(pod(c(image)).getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo(policy);
    assertThat(Defaulter.latest(image)).isEqualTo(policy.equals("Always"));
  }

  @Test
  void noImageMeansNoPullPolicy() {
    assertThat(pod(new ContainerBuilder().withName("c").build()).getSpec().getContainers().get(0).getImagePullPolicy()).isNull();
  }

  @Test
  void containerPortsProbesEnvAndVolumes() {
    Container c = new ContainerBuilder().withName("c").withImage("x:1")
        .withPorts(new ContainerPortBuilder().withContainerPort(80).build(),
            new ContainerPortBuilder().withContainerPort(53).withProtocol("UDP").build())
        .withLivenessProbe(new ProbeBuilder().withPeriodSeconds(7).build())
        .withEnv(new EnvVarBuilder().withName("N").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
            .endFieldRef().endValueFrom().build())
        .build();
    Pod p = new PodBuilder().withNewMetadata().withName("p").endMetadata().withSpec(spec(c)).editSpec()
        .withVolumes(new VolumeBuilder().withName("cm").withNewConfigMap().withName("x").endConfigMap().build(),
            new VolumeBuilder().withName("s").withNewSecret().withSecretName("y").withDefaultMode(256).endSecret().build())
        .addToInitContainers(c("init:1")).endSpec().build();
    Defaulter.apply(p);
    Container out = p.getSpec().getContainers().get(0);
    assertThat(out.getPorts()).extracting(cp -> cp.getProtocol()).containsExactly("TCP", "UDP");
    var probe = out.getLivenessProbe();
    assertThat(List.of(probe.getTimeoutSeconds(), probe.getPeriodSeconds(), probe.getSuccessThreshold(), probe.getFailureThreshold()))
        .containsExactly(1, 7, 1, 3);
    assertThat(out.getReadinessProbe()).isNull();
    assertThat(out.getEnv().get(0).getValueFrom().getFieldRef().getApiVersion()).isEqualTo("v1");
    assertThat(p.getSpec().getVolumes().get(0).getConfigMap().getDefaultMode()).isEqualTo(420);
    assertThat(p.getSpec().getVolumes().get(1).getSecret().getDefaultMode()).isEqualTo(256);
    assertThat(p.getSpec().getInitContainers().get(0).getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(p.getSpec().getInitContainers().get(0).getTerminationMessagePolicy()).isEqualTo("File");
  }

  @Test
  void explicitPodValuesAreKept() {
    Pod p = new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec()
        .withRestartPolicy("Never").withDnsPolicy("Default").withSchedulerName("mine").withTerminationGracePeriodSeconds(0L)
        .withEnableServiceLinks(false)
        .addToContainers(new ContainerBuilder().withName("c").withImage("nginx").withImagePullPolicy("Never")
            .withTerminationMessagePolicy("FallbackToLogsOnError").build())
        .endSpec().build();
    Defaulter.apply(p);
    assertThat(p.getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(p.getSpec().getDnsPolicy()).isEqualTo("Default");
    assertThat(p.getSpec().getSchedulerName()).isEqualTo("mine");
    assertThat(p.getSpec().getTerminationGracePeriodSeconds()).isZero();
    assertThat(p.getSpec().getEnableServiceLinks()).isFalse();
    assertThat(p.getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("Never");
    assertThat(p.getSpec().getContainers().get(0).getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
  }

  @Test
  void defaultingIsIdempotent() {
    Pod once = pod(c("nginx"));
    String json = Serialization.asJson(once);
    Defaulter.apply(once);
    assertThat(Serialization.asJson(once)).isEqualTo(json);
  }

  static DeploymentBuilder dep() {
    return new DeploymentBuilder().withNewMetadata().withName("d").endMetadata().withNewSpec()
        .withNewTemplate().withSpec(spec(c("web:1"))).endTemplate().endSpec();
  }

  @Test
  void deploymentDefaults() {
    Deployment d = dep().build();
    Defaulter.apply(d);
    var s = d.getSpec();
    assertThat(s.getReplicas()).isEqualTo(1);
    assertThat(s.getRevisionHistoryLimit()).isEqualTo(10);
    assertThat(s.getProgressDeadlineSeconds()).isEqualTo(600);
    assertThat(s.getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(s.getStrategy().getRollingUpdate().getMaxSurge()).isEqualTo(new IntOrString("25%"));
    assertThat(s.getStrategy().getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString("25%"));
    assertThat(s.getTemplate().getSpec().getRestartPolicy()).isEqualTo("Always");
    assertThat(s.getTemplate().getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("IfNotPresent");
  }

  @Test
  void deploymentExplicitValuesAreKept() {
    Deployment d = dep().editSpec().withReplicas(0).withRevisionHistoryLimit(0).withProgressDeadlineSeconds(60)
        .withNewStrategy().withNewRollingUpdate().withMaxSurge(new IntOrString(2)).endRollingUpdate().endStrategy().endSpec().build();
    Defaulter.apply(d);
    var s = d.getSpec();
    assertThat(List.of(s.getReplicas(), s.getRevisionHistoryLimit(), s.getProgressDeadlineSeconds())).containsExactly(0, 0, 60);
    assertThat(s.getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(s.getStrategy().getRollingUpdate().getMaxSurge()).isEqualTo(new IntOrString(2));
    assertThat(s.getStrategy().getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString("25%"));
  }

  @Test
  void recreateGetsNoRollingUpdate() {
    Deployment d = dep().editSpec().withNewStrategy().withType("Recreate").endStrategy().endSpec().build();
    Defaulter.apply(d);
    assertThat(d.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(d.getSpec().getStrategy().getRollingUpdate()).isNull();
  }

  @Test
  void replicaSetDefaults() {
    ReplicaSet rs = new ReplicaSetBuilder().withNewMetadata().withName("r").endMetadata().withNewSpec()
        .withNewTemplate().withSpec(spec(c("a"))).endTemplate().endSpec().build();
    Defaulter.apply(rs);
    assertThat(rs.getSpec().getReplicas()).isEqualTo(1);
    assertThat(rs.getSpec().getTemplate().getSpec().getDnsPolicy()).isEqualTo("ClusterFirst");
    ReplicaSet zero = new ReplicaSetBuilder().withNewMetadata().withName("r").endMetadata().withNewSpec().withReplicas(0).endSpec().build();
    Defaulter.apply(zero);
    assertThat(zero.getSpec().getReplicas()).isZero();
  }

  @Test
  void daemonSetDefaults() {
    DaemonSet ds = new DaemonSetBuilder().withNewMetadata().withName("ds").endMetadata().withNewSpec()
        .withNewTemplate().withSpec(spec(c("a:latest"))).endTemplate().endSpec().build();
    Defaulter.apply(ds);
    var s = ds.getSpec();
    assertThat(s.getRevisionHistoryLimit()).isEqualTo(10);
    assertThat(s.getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(s.getUpdateStrategy().getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString(1));
    assertThat(s.getUpdateStrategy().getRollingUpdate().getMaxSurge()).isEqualTo(new IntOrString(0));
    assertThat(s.getTemplate().getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("Always");

    DaemonSet onDelete = new DaemonSetBuilder().withNewMetadata().withName("ds").endMetadata().withNewSpec()
        .withRevisionHistoryLimit(3).withNewUpdateStrategy().withType("OnDelete").endUpdateStrategy().endSpec().build();
    Defaulter.apply(onDelete);
    assertThat(onDelete.getSpec().getRevisionHistoryLimit()).isEqualTo(3);
    assertThat(onDelete.getSpec().getUpdateStrategy().getRollingUpdate()).isNull();
  }

  @Test
  void nullSpecsAreLeftAlone() {
    Deployment d = new DeploymentBuilder().withNewMetadata().withName("d").endMetadata().build();
    Defaulter.apply(d);
    assertThat(d.getSpec()).isNull();
    Pod p = new PodBuilder().withNewMetadata().withName("p").endMetadata().build();
    Defaulter.apply(p);
    assertThat(p.getSpec()).isNull();
  }

  static Service svc(ServiceBuilder b) {
    Service s = b.build();
    Defaulter.apply(s);
    return s;
  }

  @Test
  void serviceDefaults() {
    Service s = svc(new ServiceBuilder().withNewMetadata().withName("s").endMetadata().withNewSpec()
        .withPorts(new ServicePortBuilder().withPort(80).build(),
            new ServicePortBuilder().withPort(53).withProtocol("UDP").withTargetPort(new IntOrString("dns")).build())
        .endSpec());
    assertThat(s.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(s.getSpec().getSessionAffinity()).isEqualTo("None");
    assertThat(s.getSpec().getPorts()).extracting(p -> p.getProtocol()).containsExactly("TCP", "UDP");
    assertThat(s.getSpec().getPorts()).extracting(p -> p.getTargetPort()).containsExactly(new IntOrString(80), new IntOrString("dns"));
    assertThat(s.getSpec().getInternalTrafficPolicy()).isEqualTo("Cluster");
    assertThat(s.getSpec().getIpFamilyPolicy()).isEqualTo("SingleStack");
    assertThat(s.getSpec().getIpFamilies()).containsExactly("IPv4");
    assertThat(s.getSpec().getExternalTrafficPolicy()).isNull();
  }

  @Test
  void serviceTypeSpecificDefaults() {
    Service np = svc(new ServiceBuilder().withNewMetadata().withName("s").endMetadata().withNewSpec().withType("NodePort")
        .withSessionAffinity("ClientIP").endSpec());
    assertThat(np.getSpec().getExternalTrafficPolicy()).isEqualTo("Cluster");
    assertThat(np.getSpec().getSessionAffinity()).isEqualTo("ClientIP");
    Service lb = svc(new ServiceBuilder().withNewMetadata().withName("s").endMetadata().withNewSpec().withType("LoadBalancer")
        .withExternalTrafficPolicy("Local").withIpFamilies("IPv6").endSpec());
    assertThat(lb.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
    assertThat(lb.getSpec().getIpFamilies()).containsExactly("IPv6");
    Service en = svc(new ServiceBuilder().withNewMetadata().withName("s").endMetadata().withNewSpec().withType("ExternalName")
        .withExternalName("db.example.com").endSpec());
    assertThat(en.getSpec().getInternalTrafficPolicy()).isNull();
    assertThat(en.getSpec().getIpFamilyPolicy()).isNull();
    assertThat(en.getSpec().getIpFamilies()).isNullOrEmpty();
  }

  /** Upstream SetDefaults_Service: {@code if sp.TargetPort == intstr.FromInt32(0) || sp.TargetPort == intstr.FromString("")}. */
  @Test
  void zeroOrEmptyTargetPortDefaultsToPort() {
    Service s = svc(new ServiceBuilder().withNewMetadata().withName("s").endMetadata().withNewSpec()
        .withPorts(new ServicePortBuilder().withName("a").withPort(80).withTargetPort(new IntOrString(0)).build(),
            new ServicePortBuilder().withName("b").withPort(81).withTargetPort(new IntOrString("")).build())
        .endSpec());
    assertThat(s.getSpec().getPorts()).extracting(p -> p.getTargetPort()).containsExactly(new IntOrString(80), new IntOrString(81));
  }

  @Test
  void secretTypeDefaultsToOpaque() {
    Secret s = new SecretBuilder().withNewMetadata().withName("s").endMetadata().build();
    Defaulter.apply(s);
    assertThat(s.getType()).isEqualTo("Opaque");
    Secret tls = new SecretBuilder().withNewMetadata().withName("s").endMetadata().withType("kubernetes.io/tls").build();
    Defaulter.apply(tls);
    assertThat(tls.getType()).isEqualTo("kubernetes.io/tls");
  }

  @Test
  void namespaceGetsItsNameLabel() {
    Namespace n = new NamespaceBuilder().withNewMetadata().withName("team-a").withLabels(Map.of("x", "y")).endMetadata().build();
    Defaulter.apply(n);
    assertThat(n.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of("x", "y", "kubernetes.io/metadata.name", "team-a"));
    assertThat(n.getSpec()).isNotNull();
    // the label always tracks the name, even if a client set something else (as upstream)
    Namespace lying = new NamespaceBuilder().withNewMetadata().withName("b")
        .withLabels(new java.util.HashMap<>(Map.of("kubernetes.io/metadata.name", "a"))).endMetadata().build();
    Defaulter.apply(lying);
    assertThat(lying.getMetadata().getLabels()).containsEntry("kubernetes.io/metadata.name", "b");
    Namespace noLabels = new NamespaceBuilder().withNewMetadata().withName("c").endMetadata().build();
    noLabels.getMetadata().setLabels(null);
    Defaulter.apply(noLabels);
    assertThat(noLabels.getMetadata().getLabels()).containsExactly(Map.entry("kubernetes.io/metadata.name", "c"));
  }

  @Test
  void otherKindsAreUntouched() {
    ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata().build();
    String before = Serialization.asJson(cm);
    Defaulter.apply(cm);
    assertThat(Serialization.asJson(cm)).isEqualTo(before);
  }
}
