package io.j8s.controllers.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceAccountPlannerTest {
  @Test
  void activeNamespaceWithoutDefaultNeedsOne() {
    assertThat(ServiceAccountPlanner.needsDefault(true, false, Set.of())).isTrue();
    assertThat(ServiceAccountPlanner.needsDefault(true, false, Set.of("builder", "deployer"))).isTrue();
  }

  @Test
  void existingDefaultIsEnough() {
    assertThat(ServiceAccountPlanner.needsDefault(true, false, Set.of("default"))).isFalse();
  }

  @Test
  void terminatingOrMissingNamespacesGetNone() {
    assertThat(ServiceAccountPlanner.needsDefault(true, true, Set.of())).isFalse();
    assertThat(ServiceAccountPlanner.needsDefault(false, false, Set.of())).isFalse();
  }
}
