package io.j8s.api.protobuf;

import static io.j8s.api.protobuf.MessageType.message;
import static io.j8s.api.protobuf.MessageType.object;
import static io.j8s.api.protobuf.Scalar.*;

/**
 * apps/v1 Deployment.
 *
 * <p>Field numbers, JSON names and omitempty/pointer-ness are those kubectl v1.32 encodes with (see
 * the package doc for how they were read off the binary and checked); leaf messages come first.
 */
final class AppsV1Schema {
  private AppsV1Schema() {}

  static final MessageType ROLLING_UPDATE_DEPLOYMENT = message("RollingUpdateDeployment")
      .req(1, "maxUnavailable", INT_OR_STRING)
      .req(2, "maxSurge", INT_OR_STRING);

  static final MessageType DEPLOYMENT_STRATEGY = message("DeploymentStrategy")
      .opt(1, "type", STRING)
      .req(2, "rollingUpdate", ROLLING_UPDATE_DEPLOYMENT);

  static final MessageType DEPLOYMENT_SPEC = message("DeploymentSpec")
      .req(1, "replicas", INT32)
      .req(2, "selector", MetaV1Schema.LABEL_SELECTOR)
      .req(3, "template", CoreV1Schema.POD_TEMPLATE_SPEC)
      .req(4, "strategy", DEPLOYMENT_STRATEGY)
      .opt(5, "minReadySeconds", INT32)
      .req(6, "revisionHistoryLimit", INT32)
      .opt(7, "paused", BOOL)
      .req(9, "progressDeadlineSeconds", INT32);

  static final MessageType DEPLOYMENT_CONDITION = message("DeploymentCondition")
      .req(1, "type", STRING)
      .req(2, "status", STRING)
      .req(6, "lastUpdateTime", TIME)
      .req(7, "lastTransitionTime", TIME)
      .opt(4, "reason", STRING)
      .opt(5, "message", STRING);

  static final MessageType DEPLOYMENT_STATUS = message("DeploymentStatus")
      .opt(1, "observedGeneration", INT64)
      .opt(2, "replicas", INT32)
      .opt(3, "updatedReplicas", INT32)
      .opt(7, "readyReplicas", INT32)
      .opt(4, "availableReplicas", INT32)
      .opt(5, "unavailableReplicas", INT32)
      .list(6, "conditions", DEPLOYMENT_CONDITION)
      .req(8, "collisionCount", INT32);

  static final MessageType DEPLOYMENT = object("Deployment", DEPLOYMENT_SPEC, DEPLOYMENT_STATUS);
}
