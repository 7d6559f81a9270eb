package io.j8s.api.protobuf;

import static io.j8s.api.protobuf.MessageType.message;
import static io.j8s.api.protobuf.Scalar.*;

/**
 * scheduling.k8s.io/v1 PriorityClass ({@code kubectl create priorityclass}).
 *
 * <p>Field numbers, JSON names and omitempty/pointer-ness are those kubectl v1.32 encodes with (see
 * the package doc for how they were read off the binary and checked); leaf messages come first.
 */
final class SchedulingV1Schema {
  private SchedulingV1Schema() {}

  static final MessageType PRIORITY_CLASS = message("PriorityClass")
      .req(1, "metadata", MetaV1Schema.OBJECT_META)
      .req(2, "value", INT32)
      .opt(3, "globalDefault", BOOL)
      .opt(4, "description", STRING)
      .req(5, "preemptionPolicy", STRING);
}
