package io.j8s.controllers.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaintMatchTest {
  static final Taint GPU = new Taint("NoSchedule", "gpu", null, "nvidia");
  static final Taint LOST = new Taint("NoExecute", TaintMatch.UNREACHABLE, null, null);

  static Toleration t(String key, String op, String value, String effect, Long secs) {
    return new Toleration(effect, key, op, secs, value);
  }

  @Test
  void equalNeedsKeyAndValue() {
    assertThat(TaintMatch.tolerates(t("gpu", "Equal", "nvidia", "NoSchedule", null), GPU)).isTrue();
    assertThat(TaintMatch.tolerates(t("gpu", null, "nvidia", null, null), GPU)).isTrue(); // Equal is the default, empty effect matches all
    assertThat(TaintMatch.tolerates(t("gpu", "Equal", "amd", "NoSchedule", null), GPU)).isFalse();
    assertThat(TaintMatch.tolerates(t("gpu", "Equal", null, "NoSchedule", null), GPU)).isFalse();
    assertThat(TaintMatch.tolerates(t("cpu", "Equal", "nvidia", "NoSchedule", null), GPU)).isFalse();
    assertThat(TaintMatch.tolerates(t(TaintMatch.UNREACHABLE, "Equal", "", "NoExecute", null), LOST)).isTrue();
  }

  @Test
  void existsIgnoresValueAndEmptyKeyMatchesEverything() {
    assertThat(TaintMatch.tolerates(t("gpu", "Exists", null, null, null), GPU)).isTrue();
    assertThat(TaintMatch.tolerates(t(null, "Exists", null, null, null), GPU)).isTrue();
    assertThat(TaintMatch.tolerates(t(null, "Exists", null, "NoExecute", null), GPU)).isFalse();
    assertThat(TaintMatch.tolerates(t("", "Equal", null, null, null), GPU)).isFalse(); // empty key needs Exists
    assertThat(TaintMatch.tolerates(t("gpu", "Lt", "nvidia", null, null), GPU)).isFalse();
  }

  @Test
  void effectMustMatchWhenGiven() {
    assertThat(TaintMatch.tolerates(t("gpu", "Exists", null, "NoExecute", null), GPU)).isFalse();
    assertThat(TaintMatch.tolerates(t("gpu", "Exists", null, "PreferNoSchedule", null), GPU)).isFalse();
  }

  @Test
  void untoleratedFiltersByEffect() {
    assertThat(TaintMatch.untolerated(List.of(GPU, LOST), List.of(), List.of("NoExecute"))).containsExactly(LOST);
    assertThat(TaintMatch.untolerated(List.of(GPU, LOST), List.of(t("gpu", "Exists", null, null, null)), List.of("NoSchedule", "NoExecute")))
        .containsExactly(LOST);
  }

  @Test
  void tolerationSecondsIsTheMostPermissiveMatch() {
    assertThat(TaintMatch.tolerationSeconds(List.of(t(TaintMatch.UNREACHABLE, "Exists", null, "NoExecute", 30L)), LOST)).contains(30L);
    assertThat(TaintMatch.tolerationSeconds(List.of(t(TaintMatch.UNREACHABLE, "Exists", null, "NoExecute", 30L),
        t(null, "Exists", null, null, 60L), t("other", "Exists", null, null, 999L)), LOST)).contains(60L);
    assertThat(TaintMatch.tolerationSeconds(List.of(t(TaintMatch.UNREACHABLE, "Exists", null, "NoExecute", 30L),
        t(TaintMatch.UNREACHABLE, "Exists", null, null, null)), LOST)).isEmpty();
    assertThat(TaintMatch.tolerationSeconds(List.of(t(TaintMatch.UNREACHABLE, "Exists", null, "NoExecute", -5L)), LOST)).contains(0L);
  }
}
