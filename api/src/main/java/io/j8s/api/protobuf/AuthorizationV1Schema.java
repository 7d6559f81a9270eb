package io.j8s.api.protobuf;

import static io.j8s.api.protobuf.MessageType.message;
import static io.j8s.api.protobuf.MessageType.object;
import static io.j8s.api.protobuf.Scalar.*;

/**
 * authorization.k8s.io/v1 SelfSubjectAccessReview, SelfSubjectRulesReview, SubjectAccessReview,
 * LocalSubjectAccessReview ({@code kubectl auth can-i [--list]}).
 *
 * <p>Field numbers and JSON names are upstream's generated.proto for authorization/v1; every
 * string of the review specs is {@code omitempty}. Leaf messages come first.
 */
final class AuthorizationV1Schema {
  private AuthorizationV1Schema() {}

  static final MessageType FIELD_SELECTOR_REQUIREMENT = message("FieldSelectorRequirement")
      .opt(1, "key", STRING)
      .opt(2, "operator", STRING)
      .list(3, "values", STRING);

  static final MessageType FIELD_SELECTOR_ATTRIBUTES = message("FieldSelectorAttributes")
      .opt(1, "rawSelector", STRING)
      .list(2, "requirements", FIELD_SELECTOR_REQUIREMENT);

  static final MessageType LABEL_SELECTOR_ATTRIBUTES = message("LabelSelectorAttributes")
      .opt(1, "rawSelector", STRING)
      .list(2, "requirements", MetaV1Schema.LABEL_SELECTOR_REQUIREMENT);

  static final MessageType RESOURCE_ATTRIBUTES = message("ResourceAttributes")
      .opt(1, "namespace", STRING)
      .opt(2, "verb", STRING)
      .opt(3, "group", STRING)
      .opt(4, "version", STRING)
      .opt(5, "resource", STRING)
      .opt(6, "subresource", STRING)
      .opt(7, "name", STRING)
      .req(8, "fieldSelector", FIELD_SELECTOR_ATTRIBUTES)
      .req(9, "labelSelector", LABEL_SELECTOR_ATTRIBUTES);

  static final MessageType NON_RESOURCE_ATTRIBUTES = message("NonResourceAttributes")
      .opt(1, "path", STRING)
      .opt(2, "verb", STRING);

  static final MessageType EXTRA_VALUE = message("ExtraValue")
      .list(1, "items", STRING);

  static final MessageType SUBJECT_ACCESS_REVIEW_STATUS = message("SubjectAccessReviewStatus")
      .req(1, "allowed", BOOL)
      .opt(4, "denied", BOOL)
      .opt(2, "reason", STRING)
      .opt(3, "evaluationError", STRING);

  static final MessageType SELF_SUBJECT_ACCESS_REVIEW_SPEC = message("SelfSubjectAccessReviewSpec")
      .req(1, "resourceAttributes", RESOURCE_ATTRIBUTES)
      .req(2, "nonResourceAttributes", NON_RESOURCE_ATTRIBUTES);

  static final MessageType SUBJECT_ACCESS_REVIEW_SPEC = message("SubjectAccessReviewSpec")
      .req(1, "resourceAttributes", RESOURCE_ATTRIBUTES)
      .req(2, "nonResourceAttributes", NON_RESOURCE_ATTRIBUTES)
      .opt(3, "user", STRING)
      .list(4, "groups", STRING)
      .map(5, "extra", EXTRA_VALUE)
      .opt(6, "uid", STRING);

  static final MessageType SELF_SUBJECT_RULES_REVIEW_SPEC = message("SelfSubjectRulesReviewSpec")
      .opt(1, "namespace", STRING);

  static final MessageType RESOURCE_RULE = message("ResourceRule")
      .list(1, "verbs", STRING)
      .list(2, "apiGroups", STRING)
      .list(3, "resources", STRING)
      .list(4, "resourceNames", STRING);

  static final MessageType NON_RESOURCE_RULE = message("NonResourceRule")
      .list(1, "verbs", STRING)
      .list(2, "nonResourceURLs", STRING);

  static final MessageType SUBJECT_RULES_REVIEW_STATUS = message("SubjectRulesReviewStatus")
      .list(1, "resourceRules", RESOURCE_RULE)
      .list(2, "nonResourceRules", NON_RESOURCE_RULE)
      .req(3, "incomplete", BOOL)
      .opt(4, "evaluationError", STRING);

  static final MessageType SELF_SUBJECT_ACCESS_REVIEW =
      object("SelfSubjectAccessReview", SELF_SUBJECT_ACCESS_REVIEW_SPEC, SUBJECT_ACCESS_REVIEW_STATUS);
  static final MessageType SELF_SUBJECT_RULES_REVIEW =
      object("SelfSubjectRulesReview", SELF_SUBJECT_RULES_REVIEW_SPEC, SUBJECT_RULES_REVIEW_STATUS);
  static final MessageType SUBJECT_ACCESS_REVIEW =
      object("SubjectAccessReview", SUBJECT_ACCESS_REVIEW_SPEC, SUBJECT_ACCESS_REVIEW_STATUS);
  static final MessageType LOCAL_SUBJECT_ACCESS_REVIEW =
      object("LocalSubjectAccessReview", SUBJECT_ACCESS_REVIEW_SPEC, SUBJECT_ACCESS_REVIEW_STATUS);
}
