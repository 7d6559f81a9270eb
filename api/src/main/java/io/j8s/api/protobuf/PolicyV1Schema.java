package io.j8s.api.protobuf;

import static io.j8s.api.protobuf.MessageType.message;
import static io.j8s.api.protobuf.MessageType.object;
import static io.j8s.api.protobuf.Scalar.*;

/**
 * policy/v1 PodDisruptionBudget ({@code kubectl create pdb}).
 *
 * <p>Field numbers, JSON names and omitempty/pointer-ness are those kubectl v1.32 encodes with (see
 * the package doc for how they were read off the binary and checked); leaf messages come first.
 */
final class PolicyV1Schema {
  private PolicyV1Schema() {}

  static final MessageType POD_DISRUPTION_BUDGET_SPEC = message("PodDisruptionBudgetSpec")
      .req(1, "minAvailable", INT_OR_STRING)
      .req(2, "selector", MetaV1Schema.LABEL_SELECTOR)
      .req(3, "maxUnavailable", INT_OR_STRING)
      .req(4, "unhealthyPodEvictionPolicy", STRING);

  static final MessageType POD_DISRUPTION_BUDGET_STATUS = message("PodDisruptionBudgetStatus")
      .opt(1, "observedGeneration", INT64)
      .map(2, "disruptedPods", TIME)
      .req(3, "disruptionsAllowed", INT32)
      .req(4, "currentHealthy", INT32)
      .req(5, "desiredHealthy", INT32)
      .req(6, "expectedPods", INT32)
      .list(7, "conditions", MetaV1Schema.CONDITION);

  static final MessageType POD_DISRUPTION_BUDGET = object("PodDisruptionBudget", POD_DISRUPTION_BUDGET_SPEC, POD_DISRUPTION_BUDGET_STATUS);
}
