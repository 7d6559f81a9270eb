package io.j8s.api.protobuf;

import static io.j8s.api.protobuf.MessageType.message;
import static io.j8s.api.protobuf.MessageType.object;
import static io.j8s.api.protobuf.Scalar.*;

/**
 * autoscaling/v1 HorizontalPodAutoscaler ({@code kubectl autoscale}).
 *
 * <p>Field numbers, JSON names and omitempty/pointer-ness are those kubectl v1.32 encodes with (see
 * the package doc for how they were read off the binary and checked); leaf messages come first.
 */
final class AutoscalingV1Schema {
  private AutoscalingV1Schema() {}

  static final MessageType CROSS_VERSION_OBJECT_REFERENCE = message("CrossVersionObjectReference")
      .req(1, "kind", STRING)
      .req(2, "name", STRING)
      .opt(3, "apiVersion", STRING);

  static final MessageType HORIZONTAL_POD_AUTOSCALER_SPEC = message("HorizontalPodAutoscalerSpec")
      .req(1, "scaleTargetRef", CROSS_VERSION_OBJECT_REFERENCE)
      .req(2, "minReplicas", INT32)
      .req(3, "maxReplicas", INT32)
      .req(4, "targetCPUUtilizationPercentage", INT32);

  static final MessageType HORIZONTAL_POD_AUTOSCALER_STATUS = message("HorizontalPodAutoscalerStatus")
      .req(1, "observedGeneration", INT64)
      .req(2, "lastScaleTime", TIME)
      .req(3, "currentReplicas", INT32)
      .req(4, "desiredReplicas", INT32)
      .req(5, "currentCPUUtilizationPercentage", INT32);

  static final MessageType HORIZONTAL_POD_AUTOSCALER = object("HorizontalPodAutoscaler", HORIZONTAL_POD_AUTOSCALER_SPEC, HORIZONTAL_POD_AUTOSCALER_STATUS);
}
