package io.j8s.api.protobuf;

import static io.j8s.api.protobuf.MessageType.message;
import static io.j8s.api.protobuf.Scalar.*;

/**
 * meta/v1 (k8s.io/apimachinery) messages every kind embeds: ObjectMeta, LabelSelector, Condition.
 *
 * <p>Field numbers, JSON names and omitempty/pointer-ness are those kubectl v1.32 encodes with (see
 * the package doc for how they were read off the binary and checked); leaf messages come first.
 */
final class MetaV1Schema {
  private MetaV1Schema() {}

  static final MessageType LABEL_SELECTOR_REQUIREMENT = message("LabelSelectorRequirement")
      .req(1, "key", STRING)
      .req(2, "operator", STRING)
      .list(3, "values", STRING);

  static final MessageType LABEL_SELECTOR = message("LabelSelector")
      .map(1, "matchLabels", STRING)
      .list(2, "matchExpressions", LABEL_SELECTOR_REQUIREMENT);

  static final MessageType MANAGED_FIELDS_ENTRY = message("ManagedFieldsEntry")
      .opt(1, "manager", STRING)
      .opt(2, "operation", STRING)
      .opt(3, "apiVersion", STRING)
      .req(4, "time", TIME)
      .opt(6, "fieldsType", STRING)
      .req(7, "fieldsV1", RAW_JSON)
      .opt(8, "subresource", STRING);

  static final MessageType OWNER_REFERENCE = message("OwnerReference")
      .req(5, "apiVersion", STRING)
      .req(1, "kind", STRING)
      .req(3, "name", STRING)
      .req(4, "uid", STRING)
      .req(6, "controller", BOOL)
      .req(7, "blockOwnerDeletion", BOOL);

  static final MessageType OBJECT_META = message("ObjectMeta")
      .opt(1, "name", STRING)
      .opt(2, "generateName", STRING)
      .opt(3, "namespace", STRING)
      .opt(4, "selfLink", STRING)
      .opt(5, "uid", STRING)
      .opt(6, "resourceVersion", STRING)
      .opt(7, "generation", INT64)
      .req(8, "creationTimestamp", TIME)
      .req(9, "deletionTimestamp", TIME)
      .req(10, "deletionGracePeriodSeconds", INT64)
      .map(11, "labels", STRING)
      .map(12, "annotations", STRING)
      .list(13, "ownerReferences", OWNER_REFERENCE)
      .list(14, "finalizers", STRING)
      .list(17, "managedFields", MANAGED_FIELDS_ENTRY);

  static final MessageType CONDITION = message("Condition")
      .req(1, "type", STRING)
      .req(2, "status", STRING)
      .opt(3, "observedGeneration", INT64)
      .req(4, "lastTransitionTime", TIME)
      .req(5, "reason", STRING)
      .req(6, "message", STRING);
}
