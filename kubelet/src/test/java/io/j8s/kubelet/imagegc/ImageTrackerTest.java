package io.j8s.kubelet.imagegc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageTrackerTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void remembersFirstSightAndLastUseAndForgetsImagesThatWent() {
    ImageTracker t = new ImageTracker();
    var a = new ImageTracker.Seen("sha256:a", List.of("example.test/a:1"), 10, false);
    var b = new ImageTracker.Seen("sha256:b", List.of("j8s.local/busybox:1"), 20, false);
    var c = new ImageTracker.Seen("sha256:c", List.of(), 30, true);
    List<ImageRecord> r1 = t.observe(List.of(a, b, c), Set.of("sha256:a"), Set.of("j8s.local/busybox:1"), T0);
    assertThat(r1).containsExactly(new ImageRecord("sha256:a", 10, T0, T0, true, false), new ImageRecord("sha256:b", 20, T0, T0, false, true),
        new ImageRecord("sha256:c", 30, T0, T0, false, true));

    List<ImageRecord> r2 = t.observe(List.of(a, b), Set.of(), Set.of(), T0.plusSeconds(300));
    assertThat(r2.get(0)).as("not used any more: last used stays").isEqualTo(new ImageRecord("sha256:a", 10, T0, T0, false, false));
    assertThat(t.observe(List.of(a), Set.of("sha256:a"), Set.of(), T0.plusSeconds(600)))
        .containsExactly(new ImageRecord("sha256:a", 10, T0, T0.plusSeconds(600), true, false));
    assertThat(t.observe(List.of(b), Set.of(), Set.of(), T0.plusSeconds(900)))
        .as("b was gone for a round: seen anew").containsExactly(new ImageRecord("sha256:b", 20, T0.plusSeconds(900), T0.plusSeconds(900), false, false));
  }
}
