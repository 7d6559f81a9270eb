package io.j8s.api.protobuf;

import static io.j8s.api.protobuf.MessageType.message;
import static io.j8s.api.protobuf.MessageType.object;
import static io.j8s.api.protobuf.Scalar.*;

/**
 * batch/v1 Job and CronJob ({@code kubectl create job|cronjob}).
 *
 * <p>Field numbers, JSON names and omitempty/pointer-ness are those kubectl v1.32 encodes with (see
 * the package doc for how they were read off the binary and checked); leaf messages come first.
 */
final class BatchV1Schema {
  private BatchV1Schema() {}

  static final MessageType POD_FAILURE_POLICY_ON_EXIT_CODES_REQUIREMENT = message("PodFailurePolicyOnExitCodesRequirement")
      .req(1, "containerName", STRING)
      .req(2, "operator", STRING)
      .list(3, "values", INT32);

  static final MessageType POD_FAILURE_POLICY_ON_POD_CONDITIONS_PATTERN = message("PodFailurePolicyOnPodConditionsPattern")
      .req(1, "type", STRING)
      .req(2, "status", STRING);

  static final MessageType POD_FAILURE_POLICY_RULE = message("PodFailurePolicyRule")
      .req(1, "action", STRING)
      .req(2, "onExitCodes", POD_FAILURE_POLICY_ON_EXIT_CODES_REQUIREMENT)
      .list(3, "onPodConditions", POD_FAILURE_POLICY_ON_POD_CONDITIONS_PATTERN);

  static final MessageType POD_FAILURE_POLICY = message("PodFailurePolicy")
      .list(1, "rules", POD_FAILURE_POLICY_RULE);

  static final MessageType SUCCESS_POLICY_RULE = message("SuccessPolicyRule")
      .req(1, "succeededIndexes", STRING)
      .req(2, "succeededCount", INT32);

  static final MessageType SUCCESS_POLICY = message("SuccessPolicy")
      .list(1, "rules", SUCCESS_POLICY_RULE);

  static final MessageType JOB_SPEC = message("JobSpec")
      .req(1, "parallelism", INT32)
      .req(2, "completions", INT32)
      .req(3, "activeDeadlineSeconds", INT64)
      .req(11, "podFailurePolicy", POD_FAILURE_POLICY)
      .req(16, "successPolicy", SUCCESS_POLICY)
      .req(7, "backoffLimit", INT32)
      .req(12, "backoffLimitPerIndex", INT32)
      .req(13, "maxFailedIndexes", INT32)
      .req(4, "selector", MetaV1Schema.LABEL_SELECTOR)
      .req(5, "manualSelector", BOOL)
      .req(6, "template", CoreV1Schema.POD_TEMPLATE_SPEC)
      .req(8, "ttlSecondsAfterFinished", INT32)
      .req(9, "completionMode", STRING)
      .req(10, "suspend", BOOL)
      .req(14, "podReplacementPolicy", STRING)
      .req(15, "managedBy", STRING);

  static final MessageType JOB_TEMPLATE_SPEC = message("JobTemplateSpec")
      .req(1, "metadata", MetaV1Schema.OBJECT_META)
      .req(2, "spec", JOB_SPEC);

  static final MessageType CRON_JOB_SPEC = message("CronJobSpec")
      .req(1, "schedule", STRING)
      .req(8, "timeZone", STRING)
      .req(2, "startingDeadlineSeconds", INT64)
      .opt(3, "concurrencyPolicy", STRING)
      .req(4, "suspend", BOOL)
      .req(5, "jobTemplate", JOB_TEMPLATE_SPEC)
      .req(6, "successfulJobsHistoryLimit", INT32)
      .req(7, "failedJobsHistoryLimit", INT32);

  static final MessageType CRON_JOB_STATUS = message("CronJobStatus")
      .list(1, "active", CoreV1Schema.OBJECT_REFERENCE)
      .req(4, "lastScheduleTime", TIME)
      .req(5, "lastSuccessfulTime", TIME);

  static final MessageType CRON_JOB = object("CronJob", CRON_JOB_SPEC, CRON_JOB_STATUS);

  static final MessageType JOB_CONDITION = message("JobCondition")
      .req(1, "type", STRING)
      .req(2, "status", STRING)
      .req(3, "lastProbeTime", TIME)
      .req(4, "lastTransitionTime", TIME)
      .opt(5, "reason", STRING)
      .opt(6, "message", STRING);

  static final MessageType UNCOUNTED_TERMINATED_PODS = message("UncountedTerminatedPods")
      .list(1, "succeeded", STRING)
      .list(2, "failed", STRING);

  static final MessageType JOB_STATUS = message("JobStatus")
      .list(1, "conditions", JOB_CONDITION)
      .req(2, "startTime", TIME)
      .req(3, "completionTime", TIME)
      .opt(4, "active", INT32)
      .opt(5, "succeeded", INT32)
      .opt(6, "failed", INT32)
      .req(11, "terminating", INT32)
      .opt(7, "completedIndexes", STRING)
      .req(10, "failedIndexes", STRING)
      .req(8, "uncountedTerminatedPods", UNCOUNTED_TERMINATED_PODS)
      .req(9, "ready", INT32);

  static final MessageType JOB = object("Job", JOB_SPEC, JOB_STATUS);
}
