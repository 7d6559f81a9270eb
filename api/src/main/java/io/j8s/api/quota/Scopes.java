package io.j8s.api.quota;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ScopedResourceSelectorRequirement;
import java.util.ArrayList;
import java.util.List;

/**
 * A quota's scopes ({@code spec.scopes}, each as an Exists requirement, and
 * {@code spec.scopeSelector}) and whether a pod falls in one: Terminating (an
 * activeDeadlineSeconds), NotTerminating, BestEffort, NotBestEffort, PriorityClass (In, NotIn,
 * Exists, DoesNotExist on the pod's priorityClassName), CrossNamespacePodAffinity.
 */
public final class Scopes {
  private Scopes() {}

  public static List<ScopedResourceSelectorRequirement> of(ResourceQuota q) {
    List<ScopedResourceSelectorRequirement> out = new ArrayList<>();
    if (q.getSpec() == null) return out;
    if (q.getSpec().getScopes() != null) {
      for (String s : q.getSpec().getScopes()) out.add(new ScopedResourceSelectorRequirement("Exists", s, List.of()));
    }
    if (q.getSpec().getScopeSelector() != null && q.getSpec().getScopeSelector().getMatchExpressions() != null) {
      out.addAll(q.getSpec().getScopeSelector().getMatchExpressions());
    }
    return out;
  }

  public static boolean matches(ScopedResourceSelectorRequirement s, Pod pod) {
    return switch (String.valueOf(s.getScopeName())) {
      case "Terminating" -> terminating(pod);
      case "NotTerminating" -> !terminating(pod);
      case "BestEffort" -> bestEffort(pod);
      case "NotBestEffort" -> !bestEffort(pod);
      case "PriorityClass" -> priorityClass(s, pod.getSpec().getPriorityClassName());
      case "CrossNamespacePodAffinity" -> crossNamespaceAffinity(pod);
      default -> false;
    };
  }

  static boolean terminating(Pod pod) {
    Long d = pod.getSpec().getActiveDeadlineSeconds();
    return d != null && d >= 0;
  }

  static boolean bestEffort(Pod pod) { return "BestEffort".equals(PodResources.qosClass(pod.getSpec())); }

  private static boolean priorityClass(ScopedResourceSelectorRequirement s, String cls) {
    boolean has = cls != null && !cls.isEmpty();
    List<String> values = s.getValues() == null ? List.of() : s.getValues();
    return switch (String.valueOf(s.getOperator())) {
      case "Exists" -> has;
      case "DoesNotExist" -> !has;
      case "In" -> has && values.contains(cls);
      case "NotIn" -> !has || !values.contains(cls);
      default -> false;
    };
  }

  private static boolean crossNamespaceAffinity(Pod pod) {
    var a = pod.getSpec().getAffinity();
    if (a == null) return false;
    List<io.fabric8.kubernetes.api.model.PodAffinityTerm> terms = new ArrayList<>();
    if (a.getPodAffinity() != null) {
      if (a.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() != null) {
        terms.addAll(a.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution());
      }
      if (a.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution() != null) {
        a.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution().forEach(w -> terms.add(w.getPodAffinityTerm()));
      }
    }
    if (a.getPodAntiAffinity() != null) {
      if (a.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() != null) {
        terms.addAll(a.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution());
      }
      if (a.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution() != null) {
        a.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution().forEach(w -> terms.add(w.getPodAffinityTerm()));
      }
    }
    for (var t : terms) {
      if (t != null && ((t.getNamespaces() != null && !t.getNamespaces().isEmpty()) || t.getNamespaceSelector() != null)) return true;
    }
    return false;
  }
}
