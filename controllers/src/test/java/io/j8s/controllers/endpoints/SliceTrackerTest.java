package io.j8s.controllers.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class SliceTrackerTest {
  static EndpointSlice slice(String uid, long gen) {
    return new EndpointSliceBuilder().withNewMetadata().withName(uid).withUid(uid).withGeneration(gen).endMetadata().build();
  }

  @Test
  void untrackedServicesAreNeverStale() {
    assertThat(new SliceTracker().stale("ns/a", List.of(slice("x", 1)))).isFalse();
  }

  @Test
  void cacheMissingAWrittenSliceOrHoldingAnOlderGenerationIsStale() {
    SliceTracker t = new SliceTracker();
    t.wrote("ns/a", slice("x", 2));
    assertThat(t.stale("ns/a", List.of())).isTrue();
    assertThat(t.stale("ns/a", List.of(slice("x", 1)))).isTrue();
    assertThat(t.stale("ns/a", List.of(slice("x", 2)))).isFalse();
    assertThat(t.stale("ns/a", List.of(slice("x", 3)))).isFalse();
    assertThat(t.stale("ns/b", List.of())).isFalse();
  }

  @Test
  void deletedSliceStillCachedIsStaleUntilGone() {
    SliceTracker t = new SliceTracker();
    t.wrote("ns/a", slice("x", 1));
    t.deleted("ns/a", slice("x", 1));
    assertThat(t.stale("ns/a", List.of(slice("x", 1)))).isTrue();
    assertThat(t.stale("ns/a", List.of())).isFalse();
    // once seen gone it is forgotten: a later cache listing it again (a new object) is not judged by it
    assertThat(t.stale("ns/a", List.of(slice("x", 1)))).isFalse();
  }

  @Test
  void sliceDeletedBySomeoneElseStopsBeingExpected() {
    SliceTracker t = new SliceTracker();
    t.wrote("ns/a", slice("x", 1));
    t.gone("ns/a", "x");
    assertThat(t.stale("ns/a", List.of())).isFalse();
    t.wrote("ns/a", slice("y", 1));
    t.forget("ns/a");
    assertThat(t.stale("ns/a", List.of())).isFalse();
  }
}
