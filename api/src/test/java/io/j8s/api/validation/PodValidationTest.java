package io.j8s.api.validation;

import static io.j8s.api.validation.V.container;
import static io.j8s.api.validation.V.pod;
import static io.j8s.api.validation.V.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodValidationTest {
  static List<FieldError> withContainer(io.fabric8.kubernetes.api.model.Container c) {
    return validate(pod().editSpec().withContainers(c).endSpec().build());
  }

  static List<FieldError> port(ContainerPortBuilder p) {
    return withContainer(container("web").withPorts(p.build()).build());
  }

  @Test
  void validPodHasNoErrors() {
    Pod p = pod().editSpec()
        .withRestartPolicy("OnFailure").withDnsPolicy("ClusterFirst").withTerminationGracePeriodSeconds(0L)
        .addToVolumes(new VolumeBuilder().withName("data").withNewEmptyDir().endEmptyDir().build())
        .withContainers(container("web").withImagePullPolicy("IfNotPresent")
            .withPorts(new ContainerPortBuilder().withContainerPort(80).withName("http").withProtocol("TCP").build(),
                new ContainerPortBuilder().withContainerPort(65535).withHostPort(0).withProtocol("UDP").build())
            .withEnv(new EnvVarBuilder().withName("A").withValue("1").build())
            .withVolumeMounts(new VolumeMountBuilder().withName("data").withMountPath("/data").build())
            .withResources(new ResourceRequirementsBuilder().withRequests(Map.of("cpu", new Quantity("500m")))
                .withLimits(Map.of("cpu", new Quantity("1"))).build())
            .build())
        .addToInitContainers(container("init").build())
        .withNodeSelector(Map.of("kubernetes.io/os", "linux"))
        .endSpec().build();
    assertThat(validate(p)).isEmpty();
  }

  @Test
  void podWithoutContainersOrSpec() {
    assertThat(validate(pod().editSpec().withContainers().endSpec().build()))
        .extracting(FieldError::kind, FieldError::field).containsExactly(tuple(FieldError.Kind.REQUIRED, "spec.containers"));
    assertThat(validate(new PodBuilder().withNewMetadata().withName("p").endMetadata().build()))
        .extracting(FieldError::kind, FieldError::field).containsExactly(tuple(FieldError.Kind.REQUIRED, "spec"));
  }

  @Test
  void duplicateContainerNamesIncludingInitContainers() {
    List<FieldError> errs = validate(pod().editSpec().withContainers(container("a").build(), container("a").build()).endSpec().build());
    assertThat(errs).extracting(FieldError::kind, FieldError::field, FieldError::value)
        .containsExactly(tuple(FieldError.Kind.DUPLICATE, "spec.containers[1].name", "a"));
    assertThat(errs.get(0).kind().reason()).isEqualTo("FieldValueDuplicate");
    assertThat(validate(pod().editSpec().withInitContainers(container("web").build()).endSpec().build()))
        .extracting(FieldError::field).containsExactly("spec.containers[0].name");
  }

  @Test
  void containerNamesAndImages() {
    assertThat(withContainer(container("Web").build())).extracting(FieldError::kind, FieldError::field, FieldError::value)
        .containsExactly(tuple(FieldError.Kind.INVALID, "spec.containers[0].name", "Web"));
    assertThat(withContainer(container(null).build())).extracting(FieldError::kind, FieldError::field)
        .containsExactly(tuple(FieldError.Kind.REQUIRED, "spec.containers[0].name"));
    assertThat(withContainer(container("web").withImage(null).build())).extracting(FieldError::kind, FieldError::field)
        .containsExactly(tuple(FieldError.Kind.REQUIRED, "spec.containers[0].image"));
    assertThat(withContainer(container("web").withImage("  ").build())).extracting(FieldError::field)
        .containsExactly("spec.containers[0].image");
    assertThat(validate(pod().editSpec().withInitContainers(container("i").withImage("").build()).endSpec().build()))
        .extracting(FieldError::field).containsExactly("spec.initContainers[0].image");
  }

  @Test
  void containerPortsOutOfRange() {
    for (int bad : new int[] {0, -1, 65536}) {
      List<FieldError> errs = port(new ContainerPortBuilder().withContainerPort(bad));
      assertThat(errs).extracting(FieldError::kind, FieldError::field, FieldError::value)
          .containsExactly(tuple(FieldError.Kind.INVALID, "spec.containers[0].ports[0].containerPort", bad));
      assertThat(errs.get(0).detail()).isEqualTo("must be between 1 and 65535, inclusive");
    }
    assertThat(port(new ContainerPortBuilder().withContainerPort(1))).isEmpty();
    assertThat(port(new ContainerPortBuilder())).extracting(FieldError::kind, FieldError::field)
        .containsExactly(tuple(FieldError.Kind.REQUIRED, "spec.containers[0].ports[0].containerPort"));
    assertThat(port(new ContainerPortBuilder().withContainerPort(80).withHostPort(70000)))
        .extracting(FieldError::field).containsExactly("spec.containers[0].ports[0].hostPort");
  }

  @Test
  void containerPortProtocolAndNames() {
    assertThat(port(new ContainerPortBuilder().withContainerPort(80).withProtocol("tcp")))
        .extracting(FieldError::kind, FieldError::field, FieldError::detail)
        .containsExactly(tuple(FieldError.Kind.NOT_SUPPORTED, "spec.containers[0].ports[0].protocol",
            "supported values: \"TCP\", \"UDP\", \"SCTP\""));
    assertThat(port(new ContainerPortBuilder().withContainerPort(80).withName("HTTP"))).extracting(FieldError::field)
        .containsExactly("spec.containers[0].ports[0].name");
    List<FieldError> dup = withContainer(container("web").withPorts(
        new ContainerPortBuilder().withContainerPort(80).withName("http").build(),
        new ContainerPortBuilder().withContainerPort(81).withName("http").build()).build());
    assertThat(dup).extracting(FieldError::kind, FieldError::field)
        .containsExactly(tuple(FieldError.Kind.DUPLICATE, "spec.containers[0].ports[1].name"));
  }

  @Test
  void restartDnsAndPullPolicies() {
    List<FieldError> errs = validate(pod().editSpec().withRestartPolicy("Sometimes").endSpec().build());
    assertThat(errs).extracting(FieldError::kind, FieldError::field, FieldError::value)
        .containsExactly(tuple(FieldError.Kind.NOT_SUPPORTED, "spec.restartPolicy", "Sometimes"));
    assertThat(errs.get(0).detail()).isEqualTo("supported values: \"Always\", \"OnFailure\", \"Never\"");
    assertThat(errs.get(0).render())
        .isEqualTo("spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"");
    assertThat(validate(pod().editSpec().withDnsPolicy("Google").endSpec().build())).extracting(FieldError::field)
        .containsExactly("spec.dnsPolicy");
    assertThat(withContainer(container("web").withImagePullPolicy("Sometimes").build())).extracting(FieldError::field)
        .containsExactly("spec.containers[0].imagePullPolicy");
  }

  @Test
  void negativeDurations() {
    assertThat(validate(pod().editSpec().withTerminationGracePeriodSeconds(-1L).endSpec().build()))
        .extracting(FieldError::field, FieldError::value).containsExactly(tuple("spec.terminationGracePeriodSeconds", -1L));
    assertThat(validate(pod().editSpec().withActiveDeadlineSeconds(0L).endSpec().build()))
        .extracting(FieldError::field).containsExactly("spec.activeDeadlineSeconds");
  }

  @Test
  void volumesAndMounts() {
    List<FieldError> errs = validate(pod().editSpec()
        .withVolumes(new VolumeBuilder().withName("v").build(), new VolumeBuilder().withName("v").build(),
            new VolumeBuilder().withName("Bad").build())
        .withContainers(container("web").withVolumeMounts(
            new VolumeMountBuilder().withName("missing").withMountPath("/m").build(),
            new VolumeMountBuilder().withName("v").build()).build())
        .endSpec().build());
    assertThat(errs).extracting(FieldError::kind, FieldError::field).containsExactly(
        tuple(FieldError.Kind.DUPLICATE, "spec.volumes[1].name"),
        tuple(FieldError.Kind.INVALID, "spec.volumes[2].name"),
        tuple(FieldError.Kind.NOT_SUPPORTED, "spec.containers[0].volumeMounts[0].name"),
        tuple(FieldError.Kind.REQUIRED, "spec.containers[0].volumeMounts[1].mountPath"));
  }

  @Test
  void envNamesRequired() {
    assertThat(withContainer(container("web").withEnv(new EnvVarBuilder().withValue("x").build()).build()))
        .extracting(FieldError::kind, FieldError::field).containsExactly(tuple(FieldError.Kind.REQUIRED, "spec.containers[0].env[0].name"));
  }

  @Test
  void requestsAboveLimitsAndBadQuantities() {
    List<FieldError> errs = withContainer(container("web").withResources(new ResourceRequirementsBuilder()
        .withRequests(Map.of("memory", new Quantity("2Gi"))).withLimits(Map.of("memory", new Quantity("1Gi"))).build()).build());
    assertThat(errs).extracting(FieldError::kind, FieldError::field, FieldError::value)
        .containsExactly(tuple(FieldError.Kind.INVALID, "spec.containers[0].resources.requests", "2Gi"));
    assertThat(errs.get(0).detail()).isEqualTo("must be less than or equal to memory limit of 1Gi");
    assertThat(withContainer(container("web").withResources(new ResourceRequirementsBuilder()
        .withRequests(Map.of("cpu", new Quantity("-1"))).build()).build()))
        .extracting(FieldError::field).containsExactly("spec.containers[0].resources.requests[cpu]");
  }

  @Test
  void nodeSelectorLabels() {
    assertThat(validate(pod().editSpec().withNodeSelector(Map.of("k", "bad value")).endSpec().build()))
        .extracting(FieldError::field, FieldError::value).containsExactly(tuple("spec.nodeSelector", "bad value"));
  }

  @Test
  void updatesMayOnlyChangeImagesAndDeadlines() {
    Pod old = V.validPod();
    Pod newImage = pod().editSpec().editFirstContainer().withImage("nginx:2").endContainer().withActiveDeadlineSeconds(5L).endSpec().build();
    assertThat(validate(newImage, old)).isEmpty();
    Pod newRestart = pod().editSpec().withRestartPolicy("Never").endSpec().build();
    List<FieldError> errs = validate(newRestart, old);
    assertThat(errs).extracting(FieldError::kind, FieldError::field).containsExactly(tuple(FieldError.Kind.FORBIDDEN, "spec"));
    assertThat(errs.get(0).detail()).startsWith("pod updates may not change fields other than");
    // the comparison must not mutate the objects
    assertThat(newImage.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:2");
    assertThat(old.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.25");
  }
}
