package io.j8s.api.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReadinessTest {
  static Pod pod(String status, String since) {
    return new PodBuilder().withNewStatus().addNewCondition().withType("Ready").withStatus(status).withLastTransitionTime(since)
        .endCondition().endStatus().build();
  }

  @Test void podReadyOnlyWithReadyTrue() {
    assertThat(Readiness.podReady(pod("True", null))).isTrue();
    assertThat(Readiness.podReady(pod("False", null))).isFalse();
    assertThat(Readiness.podReady(new Pod())).isFalse();
    assertThat(Readiness.podReadyCondition(pod("False", null))).isPresent();
  }

  @Test void availableStrictlyAfterMinReadySeconds() {
    Pod p = pod("True", "2026-01-01T00:00:00Z");
    assertThat(Readiness.podAvailable(p, 0, Instant.parse("2026-01-01T00:00:00Z"))).isTrue();
    assertThat(Readiness.podAvailable(p, 10, Instant.parse("2026-01-01T00:00:10Z"))).isFalse();
    assertThat(Readiness.podAvailable(p, 10, Instant.parse("2026-01-01T00:00:11Z"))).isTrue();
    assertThat(Readiness.podAvailable(pod("True", "garbage"), 10, Instant.parse("2027-01-01T00:00:00Z"))).isFalse();
    assertThat(Readiness.podReadySince(pod("False", "2026-01-01T00:00:00Z"))).isEmpty();
  }

  @Test void nodeReady() {
    assertThat(Readiness.nodeReady(new NodeBuilder().withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition()
        .endStatus().build())).isTrue();
    assertThat(Readiness.nodeReady(new NodeBuilder().withNewStatus().addNewCondition().withType("Ready").withStatus("Unknown").endCondition()
        .endStatus().build())).isFalse();
    assertThat(Readiness.nodeReady(new NodeBuilder().build())).isFalse();
  }
}
