package io.j8s.api.validation;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;

/**
 * Roles, ClusterRoles and their bindings, as upstream's pkg/apis/rbac/validation: rules need
 * verbs and either resources with API groups or (cluster-wide only) non-resource URLs;
 * bindings refer to a Role or ClusterRole of the RBAC group and name valid subjects.
 */
final class RbacValidation {
  static final String GROUP = "rbac.authorization.k8s.io";

  private RbacValidation() {}

  static void rules(List<PolicyRule> rules, boolean namespaced, Errors e) {
    if (rules == null) return;
    for (int i = 0; i < rules.size(); i++) rule(rules.get(i), namespaced, "rules[" + i + "]", e);
  }

  private static void rule(PolicyRule r, boolean namespaced, String path, Errors e) {
    if (empty(r.getVerbs())) e.required(path + ".verbs", "verbs must contain at least one value");
    if (!empty(r.getNonResourceURLs())) {
      if (namespaced) e.invalid(path + ".nonResourceURLs", new GoStrings(r.getNonResourceURLs()), "namespaced rules cannot apply to non-resource URLs");
      if (!empty(r.getApiGroups()) || !empty(r.getResources()) || !empty(r.getResourceNames())) {
        e.invalid(path + ".nonResourceURLs", new GoStrings(r.getNonResourceURLs()), "rules cannot apply to both regular resources and non-resource URLs");
      }
      return;
    }
    if (empty(r.getApiGroups())) e.required(path + ".apiGroups", "resource rules must supply at least one api group");
    if (empty(r.getResources())) e.required(path + ".resources", "resource rules must supply at least one resource");
  }

  static void aggregation(ClusterRole role, Errors e) {
    if (role.getAggregationRule() == null) return;
    List<LabelSelector> selectors = role.getAggregationRule().getClusterRoleSelectors();
    if (empty(selectors)) {
      e.required("aggregationRule.clusterRoleSelectors", "at least one clusterRoleSelector required if aggregationRule is non-nil");
      return;
    }
    for (int i = 0; i < selectors.size(); i++) {
      LabelSelector s = selectors.get(i);
      if (s.getMatchExpressions() == null) continue;
      for (int j = 0; j < s.getMatchExpressions().size(); j++) {
        var req = s.getMatchExpressions().get(j);
        String p = "aggregationRule.clusterRoleSelectors[" + i + "].matchExpressions[" + j + "]";
        e.oneOf(p + ".operator", req.getOperator(), List.of("In", "NotIn", "Exists", "DoesNotExist"));
        boolean needsValues = "In".equals(req.getOperator()) || "NotIn".equals(req.getOperator());
        if (needsValues && empty(req.getValues())) e.required(p + ".values", "must be specified when `operator` is 'In' or 'NotIn'");
        if (!needsValues && !empty(req.getValues())) e.add(FieldError.forbidden(p + ".values",
            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      }
    }
  }

  /** @param namespaced a RoleBinding (may refer to a Role or a ClusterRole), else a ClusterRoleBinding */
  static void binding(RoleRef ref, List<Subject> subjects, boolean namespaced, Errors e) {
    if (ref == null) {
      e.required("roleRef.name", "");
    } else {
      e.oneOf("roleRef.apiGroup", ref.getApiGroup() == null ? "" : ref.getApiGroup(), List.of(GROUP));
      e.oneOf("roleRef.kind", ref.getKind() == null ? "" : ref.getKind(), namespaced ? List.of("Role", "ClusterRole") : List.of("ClusterRole"));
      if (ref.getName() == null || ref.getName().isEmpty()) {
        e.required("roleRef.name", "");
      } else {
        e.syntax("roleRef.name", ref.getName(), Validator.pathSegment(ref.getName()));
      }
    }
    if (subjects == null) return;
    for (int i = 0; i < subjects.size(); i++) subject(subjects.get(i), namespaced, "subjects[" + i + "]", e);
  }

  private static void subject(Subject s, boolean namespaced, String path, Errors e) {
    if (s.getName() == null || s.getName().isEmpty()) e.required(path + ".name", "");
    String kind = s.getKind() == null ? "" : s.getKind();
    String group = s.getApiGroup() == null ? "" : s.getApiGroup();
    switch (kind) {
      case "ServiceAccount" -> {
        if (s.getName() != null && !s.getName().isEmpty()) e.syntax(path + ".name", s.getName(), Names.dns1123Subdomain(s.getName()));
        e.oneOf(path + ".apiGroup", group, List.of(""));
        if (!namespaced && (s.getNamespace() == null || s.getNamespace().isEmpty())) e.required(path + ".namespace", "");
      }
      case "User", "Group" -> {
        e.oneOf(path + ".apiGroup", group, List.of(GROUP));
        if ("Group".equals(kind) && s.getName() != null && !s.getName().isEmpty()) {
          e.syntax(path + ".name", s.getName(), Validator.pathSegment(s.getName()));
        }
      }
      default -> e.add(FieldError.notSupported(path + ".kind", kind, List.of("ServiceAccount", "User", "Group")));
    }
  }

  /** A []string value as upstream's field errors print it: {@code []string{"/x"}}. */
  record GoStrings(List<String> values) {
    @Override public String toString() {
      return "[]string{" + String.join(", ", values.stream().map(v -> "\"" + v + "\"").toList()) + "}";
    }
  }

  private static boolean empty(List<?> l) { return l == null || l.isEmpty(); }
}
