package io.j8s.controllers.rootca;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RootCaPlannerTest {
  static final String CA = "-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----\n";

  @Test
  void createsInActiveNamespacesOnly() {
    assertThat(RootCaPlanner.plan(true, null, false, CA)).isInstanceOf(RootCaPlanner.Action.Create.class);
    assertThat(RootCaPlanner.plan(false, null, false, CA)).isEqualTo(RootCaPlanner.NONE);
  }

  @Test
  void restoresChangedDataExtraKeysAndBinaryData() {
    assertThat(RootCaPlanner.plan(true, Map.of("ca.crt", "other"), false, CA)).isInstanceOf(RootCaPlanner.Action.Restore.class);
    assertThat(RootCaPlanner.plan(true, Map.of("ca.crt", CA, "x", "y"), false, CA)).isInstanceOf(RootCaPlanner.Action.Restore.class);
    assertThat(RootCaPlanner.plan(true, Map.of(), false, CA)).isInstanceOf(RootCaPlanner.Action.Restore.class);
    assertThat(RootCaPlanner.plan(true, Map.of("ca.crt", CA), true, CA)).isInstanceOf(RootCaPlanner.Action.Restore.class);
  }

  @Test
  void leavesTheRightOneAndTerminatingNamespacesAlone() {
    assertThat(RootCaPlanner.plan(true, Map.of("ca.crt", CA), false, CA)).isEqualTo(RootCaPlanner.NONE);
    assertThat(RootCaPlanner.plan(false, Map.of("ca.crt", "other"), false, CA)).isEqualTo(RootCaPlanner.NONE);
  }

  @Test
  void withoutABundleNothingIsWritten() {
    assertThat(RootCaPlanner.plan(true, null, false, null)).isEqualTo(RootCaPlanner.NONE);
    assertThat(RootCaPlanner.plan(true, null, false, "")).isEqualTo(RootCaPlanner.NONE);
  }
}
