package io.j8s.api.quota;

import static io.j8s.api.quota.Fixtures.container;
import static io.j8s.api.quota.Fixtures.item;
import static io.j8s.api.quota.Fixtures.pod;
import static io.j8s.api.quota.Fixtures.range;
import static io.j8s.api.quota.Fixtures.rl;
import static io.j8s.api.quota.Fixtures.withInit;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitRangerTest {
  @Test
  void defaultsFillOnlyWhatContainersLackAndAreAnnotated() {
    Pod p = withInit(pod("x", container("a", "", ""), container("b", "cpu=200m", "memory=1Gi")), container("i", "", ""));
    LimitRanger.mutate(List.of(range(item("Container", "", "", "cpu=1,memory=512Mi", "cpu=100m,memory=256Mi", ""))), p);
    assertThat(p.getSpec().getContainers().get(0).getResources().getRequests()).isEqualTo(rl("cpu=100m,memory=256Mi"));
    assertThat(p.getSpec().getContainers().get(0).getResources().getLimits()).isEqualTo(rl("cpu=1,memory=512Mi"));
    assertThat(p.getSpec().getContainers().get(1).getResources().getRequests()).isEqualTo(rl("cpu=200m,memory=256Mi"));
    assertThat(p.getSpec().getContainers().get(1).getResources().getLimits()).isEqualTo(rl("memory=1Gi,cpu=1"));
    assertThat(p.getSpec().getInitContainers().get(0).getResources().getLimits()).isEqualTo(rl("cpu=1,memory=512Mi"));
    assertThat(p.getMetadata().getAnnotations()).containsEntry(LimitRanger.ANNOTATION, "LimitRanger plugin set: cpu, memory request for container a; "
        + "cpu, memory limit for container a; memory request for container b; cpu limit for container b; "
        + "cpu, memory request for init container i; cpu, memory limit for init container i");
  }

  @Test
  void noContainerDefaultsNoChange() {
    Pod p = pod("x", container("a", "", ""));
    LimitRanger.mutate(List.of(range(item("Pod", "", "cpu=2", "", "", ""))), p);
    assertThat(p.getSpec().getContainers().get(0).getResources()).isNull();
    assertThat(p.getMetadata().getAnnotations()).doesNotContainKey(LimitRanger.ANNOTATION);
  }

  @Test
  void containerMaximumOnLimitsAndRequests() {
    var lr = List.of(range(item("Container", "", "cpu=1", "", "", "")));
    assertThat(LimitRanger.validate(lr, pod("x", container("c", "cpu=500m", "cpu=2"))))
        .isEqualTo("maximum cpu usage per Container is 1, but limit is 2");
    assertThat(LimitRanger.validate(lr, pod("x", container("c", "cpu=500m", ""))))
        .isEqualTo("maximum cpu usage per Container is 1.  No limit is specified");
    assertThat(LimitRanger.validate(lr, pod("x", container("c", "cpu=500m", "cpu=1")))).isNull();
    assertThat(LimitRanger.validate(lr, pod("x", container("c", "cpu=1", "cpu=1000m")))).isNull();
  }

  @Test
  void containerMinimumOnRequestsThenLimits() {
    var lr = List.of(range(item("Container", "memory=64Mi", "", "", "", "")));
    assertThat(LimitRanger.validate(lr, pod("x", container("c", "", ""))))
        .isEqualTo("minimum memory usage per Container is 64Mi.  No request is specified");
    assertThat(LimitRanger.validate(lr, pod("x", container("c", "memory=32Mi", ""))))
        .isEqualTo("minimum memory usage per Container is 64Mi, but request is 32Mi");
    assertThat(LimitRanger.validate(lr, pod("x", container("c", "memory=64Mi", "memory=128Mi")))).isNull();
  }

  @Test
  void ratioOfLimitToRequest() {
    var lr = List.of(range(item("Container", "", "", "", "", "cpu=2")));
    assertThat(LimitRanger.validate(lr, pod("x", container("c", "cpu=100m", "cpu=300m"))))
        .isEqualTo("cpu max limit to request ratio per Container is 2, but provided ratio is 3.000000");
    assertThat(LimitRanger.validate(lr, pod("x", container("c", "", "cpu=300m"))))
        .isEqualTo("cpu max limit to request ratio per Container is 2, but no request is specified or request is 0");
    assertThat(LimitRanger.validate(lr, pod("x", container("c", "cpu=100m", ""))))
        .isEqualTo("cpu max limit to request ratio per Container is 2, but no limit is specified or limit is 0");
    assertThat(LimitRanger.validate(lr, pod("x", container("c", "cpu=100m", "cpu=200m")))).isNull();
  }

  @Test
  void severalViolationsAggregateInBracketsAndInitContainersCount() {
    var lr = List.of(range(item("Container", "cpu=100m", "cpu=1", "", "", "")));
    Pod p = withInit(pod("x", container("c", "cpu=50m", "cpu=500m")), container("i", "cpu=200m", "cpu=3"));
    assertThat(LimitRanger.validate(lr, p)).isEqualTo("[minimum cpu usage per Container is 100m, but request is 50m, "
        + "maximum cpu usage per Container is 1, but limit is 3]");
  }

  @Test
  void podBoundsUseTheEffectiveSums() {
    var lr = List.of(range(item("Pod", "", "cpu=1", "", "", "")));
    assertThat(LimitRanger.validate(lr, pod("x", container("a", "cpu=500m", "cpu=600m"), container("b", "cpu=500m", "cpu=600m"))))
        .isEqualTo("maximum cpu usage per Pod is 1, but limit is 1200m");
    // an init container runs alone: the pod needs the larger of it and the app containers' sum
    Pod p = withInit(pod("x", container("a", "cpu=200m", "cpu=300m")), container("i", "cpu=900m", "cpu=900m"));
    assertThat(LimitRanger.validate(lr, p)).isNull();
    Pod q = withInit(pod("x", container("a", "cpu=200m", "cpu=300m")), container("i", "cpu=2", "cpu=2"));
    assertThat(LimitRanger.validate(lr, q)).isEqualTo("maximum cpu usage per Pod is 1, but limit is 2");
  }

  @Test
  void firstViolatedRangeIsReported() {
    var lrs = List.of(range(item("Container", "", "memory=1Gi", "", "", "")), range(item("Container", "", "cpu=1", "", "", "")));
    assertThat(LimitRanger.validate(lrs, pod("x", container("c", "", "cpu=2,memory=512Mi"))))
        .isEqualTo("maximum cpu usage per Container is 1, but limit is 2");
  }

  static PersistentVolumeClaim claim(String storage) {
    var b = new PersistentVolumeClaimBuilder().withNewMetadata().withName("c").endMetadata().withNewSpec().withNewResources();
    if (!storage.isEmpty()) b.withRequests(rl("storage=" + storage));
    return b.endResources().endSpec().build();
  }

  @Test
  void claimsAreBoundedOnRequestedStorage() {
    var lr = List.of(range(item("PersistentVolumeClaim", "storage=1Gi", "storage=10Gi", "", "", "")));
    assertThat(LimitRanger.validate(lr, claim("20Gi"))).isEqualTo("maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi");
    assertThat(LimitRanger.validate(lr, claim("512Mi"))).isEqualTo("minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 512Mi");
    assertThat(LimitRanger.validate(lr, claim("5Gi"))).isNull();
    assertThat(LimitRanger.validate(lr, claim(""))).isEqualTo("[minimum storage usage per PersistentVolumeClaim is 1Gi.  No request is specified, "
        + "maximum storage usage per PersistentVolumeClaim is 10Gi.  No request is specified]");
  }
}
