package io.j8s.api.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultTolerationSecondsTest {
  static final Toleration NOT_READY_300 = new Toleration("NoExecute", DefaultTolerationSeconds.NOT_READY, "Exists", 300L, null);
  static final Toleration UNREACHABLE_300 = new Toleration("NoExecute", DefaultTolerationSeconds.UNREACHABLE, "Exists", 300L, null);

  static Pod pod(Toleration... t) {
    return new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec().addNewContainer().withName("c").withImage("busybox")
        .endContainer().withTolerations(t).endSpec().build();
  }

  @Test
  void podWithoutTolerationsGetsBothForFiveMinutesThroughTheDefaulter() {
    Pod p = pod();
    Defaulter.apply(p);
    assertThat(p.getSpec().getTolerations()).containsExactly(NOT_READY_300, UNREACHABLE_300);
  }

  @Test
  void existingTolerationsForTheKeysAreKept() {
    Toleration mine = new Toleration("NoExecute", DefaultTolerationSeconds.UNREACHABLE, "Exists", 5L, null);
    Pod p = pod(mine);
    DefaultTolerationSeconds.apply(p);
    assertThat(p.getSpec().getTolerations()).containsExactly(mine, NOT_READY_300);
  }

  @Test
  void aTolerationOfAllEffectsCountsButNoScheduleDoesNot() {
    Toleration all = new Toleration(null, DefaultTolerationSeconds.NOT_READY, "Exists", null, null);
    Toleration noSchedule = new Toleration("NoSchedule", DefaultTolerationSeconds.UNREACHABLE, "Exists", null, null);
    Pod p = pod(all, noSchedule);
    DefaultTolerationSeconds.apply(p);
    assertThat(p.getSpec().getTolerations()).containsExactly(all, noSchedule, UNREACHABLE_300);
  }

  @Test
  void applyingTwiceChangesNothing() {
    Pod p = pod();
    Defaulter.apply(p);
    Defaulter.apply(p);
    assertThat(p.getSpec().getTolerations()).hasSize(2);
  }

  @Test
  void podTemplatesAreLeftAlone() {
    Deployment d = new DeploymentBuilder().withNewMetadata().withName("d").endMetadata().withNewSpec().withNewTemplate().withNewSpec()
        .addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().endTemplate().endSpec().build();
    Defaulter.apply(d);
    assertThat(d.getSpec().getTemplate().getSpec().getTolerations()).isNullOrEmpty();
  }

  @Test
  void aWildcardTolerationCountsForBothKeys() {
    Toleration any = new Toleration(null, null, "Exists", null, null);
    Pod p = pod(any);
    DefaultTolerationSeconds.apply(p);
    assertThat(p.getSpec().getTolerations()).containsExactly(any);
    Toleration anyNoSchedule = new Toleration("NoSchedule", null, "Exists", null, null);
    Pod q = pod(anyNoSchedule);
    DefaultTolerationSeconds.apply(q);
    assertThat(q.getSpec().getTolerations()).containsExactly(anyNoSchedule, NOT_READY_300, UNREACHABLE_300);
  }
}
