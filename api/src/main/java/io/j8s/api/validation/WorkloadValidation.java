package io.j8s.api.validation;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.j8s.api.selector.SelectorException;
import java.util.List;
import java.util.Map;

/** Deployments, ReplicaSets and DaemonSets: selector, template, replicas, strategy; selector immutable. */
final class WorkloadValidation {
  private WorkloadValidation() {}

  static void deployment(Deployment d, Deployment old, Errors e) {
    var s = d.getSpec();
    if (s == null) {
      e.required("spec", "");
      return;
    }
    common(s.getSelector(), s.getTemplate(), s.getReplicas(), s.getRevisionHistoryLimit(), e);
    if (s.getStrategy() != null) {
      e.oneOf("spec.strategy.type", s.getStrategy().getType(), List.of("Recreate", "RollingUpdate"));
      var ru = s.getStrategy().getRollingUpdate();
      if ("Recreate".equals(s.getStrategy().getType()) && ru != null) {
        e.add(FieldError.forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"));
      }
      if (ru != null && isZero(ru.getMaxSurge()) && isZero(ru.getMaxUnavailable())) {
        e.invalid("spec.strategy.rollingUpdate.maxUnavailable", String.valueOf(ru.getMaxUnavailable().getValue()),
            "may not be 0 when `maxSurge` is 0");
      }
    }
    if (old != null && old.getSpec() != null) e.immutable("spec.selector", old.getSpec().getSelector(), s.getSelector());
  }

  private static boolean isZero(io.fabric8.kubernetes.api.model.IntOrString v) {
    if (v == null) return false;
    if (v.getIntVal() != null) return v.getIntVal() == 0;
    return "0%".equals(v.getStrVal()) || "0".equals(v.getStrVal());
  }

  static void replicaSet(ReplicaSet r, ReplicaSet old, Errors e) {
    var s = r.getSpec();
    if (s == null) {
      e.required("spec", "");
      return;
    }
    common(s.getSelector(), s.getTemplate(), s.getReplicas(), null, e);
    if (old != null && old.getSpec() != null) e.immutable("spec.selector", old.getSpec().getSelector(), s.getSelector());
  }

  static void daemonSet(DaemonSet d, DaemonSet old, Errors e) {
    var s = d.getSpec();
    if (s == null) {
      e.required("spec", "");
      return;
    }
    common(s.getSelector(), s.getTemplate(), null, s.getRevisionHistoryLimit(), e);
    if (s.getUpdateStrategy() != null) e.oneOf("spec.updateStrategy.type", s.getUpdateStrategy().getType(), List.of("RollingUpdate", "OnDelete"));
    if (old != null && old.getSpec() != null) e.immutable("spec.selector", old.getSpec().getSelector(), s.getSelector());
  }

  private static void common(LabelSelector sel, PodTemplateSpec tpl, Integer replicas, Integer history, Errors e) {
    if (replicas != null && replicas < 0) e.invalid("spec.replicas", replicas, "must be greater than or equal to 0");
    if (history != null && history < 0) e.invalid("spec.revisionHistoryLimit", history, "must be greater than or equal to 0");
    boolean emptySel = sel == null || ((sel.getMatchLabels() == null || sel.getMatchLabels().isEmpty())
        && (sel.getMatchExpressions() == null || sel.getMatchExpressions().isEmpty()));
    if (emptySel) e.required("spec.selector", "");
    if (tpl == null) {
      e.required("spec.template", "");
      return;
    }
    Map<String, String> labels = tpl.getMetadata() == null || tpl.getMetadata().getLabels() == null ? Map.of() : tpl.getMetadata().getLabels();
    if (tpl.getMetadata() != null) MetaValidation.labels("spec.template.metadata.labels", tpl.getMetadata().getLabels(), e);
    if (!emptySel) {
      try {
        if (!io.j8s.api.selector.LabelSelector.from(sel).matches(labels)) {
          e.invalid("spec.template.metadata.labels", labels.toString(), "`selector` does not match template `labels`");
        }
      } catch (SelectorException ex) {
        e.invalid("spec.selector", String.valueOf(sel), ex.getMessage());
      }
    }
    PodValidation.spec(tpl.getSpec(), "spec.template.spec", e);
  }
}
