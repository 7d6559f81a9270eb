package io.j8s.api.validation;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ScopedResourceSelectorRequirement;
import io.j8s.api.quota.Evaluator;
import io.j8s.api.quota.Quantities;
import io.j8s.api.quota.Scopes;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** ResourceQuota and LimitRange specs, as upstream validates them (the common rules). */
final class QuotaValidation {
  private QuotaValidation() {}

  static final List<String> SCOPES = List.of("Terminating", "NotTerminating", "BestEffort", "NotBestEffort", "PriorityClass",
      "CrossNamespacePodAffinity");
  static final List<String> LIMIT_TYPES = List.of("Pod", "Container", "PersistentVolumeClaim");

  static void quota(ResourceQuota q, Errors e) {
    if (q.getSpec() == null) return;
    Map<String, Quantity> hard = q.getSpec().getHard() == null ? Map.of() : q.getSpec().getHard();
    new TreeMap<>(hard).forEach((k, v) -> nonNegative("spec.hard[" + k + "]", v, e));
    List<String> scopes = q.getSpec().getScopes() == null ? List.of() : q.getSpec().getScopes();
    for (int i = 0; i < scopes.size(); i++) e.oneOf("spec.scopes[" + i + "]", scopes.get(i), SCOPES);
    List<ScopedResourceSelectorRequirement> all = Scopes.of(q);
    Set<String> names = new HashSet<>();
    for (ScopedResourceSelectorRequirement s : all) names.add(s.getScopeName());
    if (!all.isEmpty() && !hard.isEmpty()) {
      Set<String> podOnly = new Evaluator.Pods().matching(hard.keySet());
      if (!podOnly.containsAll(hard.keySet())) e.invalid("spec.scopes", scopes.isEmpty() ? names.toString() : scopes.toString(),
          "unsupported scope applied to resource");
    }
    if ((names.contains("Terminating") && names.contains("NotTerminating")) || (names.contains("BestEffort") && names.contains("NotBestEffort"))) {
      e.invalid("spec.scopes", scopes.toString(), "conflicting scopes");
    }
  }

  static void limitRange(LimitRange l, Errors e) {
    if (l.getSpec() == null || l.getSpec().getLimits() == null) return;
    Set<String> types = new HashSet<>();
    List<LimitRangeItem> items = l.getSpec().getLimits();
    for (int i = 0; i < items.size(); i++) {
      LimitRangeItem it = items.get(i);
      String p = "spec.limits[" + i + "]";
      if (it.getType() == null || it.getType().isEmpty()) e.required(p + ".type", "");
      else if (!types.add(it.getType())) e.add(FieldError.duplicate(p + ".type", it.getType()));
      if ("Pod".equals(it.getType())) {
        if (it.getDefault() != null && !it.getDefault().isEmpty()) e.add(FieldError.forbidden(p + ".default", "may not be specified when `type` is 'Pod'"));
        if (it.getDefaultRequest() != null && !it.getDefaultRequest().isEmpty()) {
          e.add(FieldError.forbidden(p + ".defaultRequest", "may not be specified when `type` is 'Pod'"));
        }
      }
      Map<String, Quantity> min = map(it.getMin());
      Map<String, Quantity> max = map(it.getMax());
      Map<String, Quantity> def = map(it.getDefault());
      Map<String, Quantity> defReq = map(it.getDefaultRequest());
      min.forEach((k, v) -> nonNegative(p + ".min[" + k + "]", v, e));
      max.forEach((k, v) -> nonNegative(p + ".max[" + k + "]", v, e));
      for (String k : keys(min, max, def, defReq)) {
        Quantity mn = min.get(k);
        Quantity mx = max.get(k);
        Quantity d = def.get(k);
        Quantity dr = defReq.get(k);
        if (mn != null && mx != null && gt(mn, mx)) e.invalid(p + ".min[" + k + "]", mn.toString(), "min value " + mn + " is greater than max value " + mx);
        if (dr != null && mn != null && gt(mn, dr)) {
          e.invalid(p + ".defaultRequest[" + k + "]", dr.toString(), "min value " + mn + " is greater than default request value " + dr);
        }
        if (dr != null && mx != null && gt(dr, mx)) {
          e.invalid(p + ".defaultRequest[" + k + "]", dr.toString(), "default request value " + dr + " is greater than max value " + mx);
        }
        if (dr != null && d != null && gt(dr, d)) {
          e.invalid(p + ".defaultRequest[" + k + "]", dr.toString(), "default request value " + dr + " is greater than default limit value " + d);
        }
        if (d != null && mn != null && gt(mn, d)) e.invalid(p + ".default[" + k + "]", d.toString(), "min value " + mn + " is greater than default value " + d);
        if (d != null && mx != null && gt(d, mx)) e.invalid(p + ".default[" + k + "]", d.toString(), "default value " + d + " is greater than max value " + mx);
      }
      map(it.getMaxLimitRequestRatio()).forEach((k, v) -> {
        if (Quantities.value(v).compareTo(BigDecimal.ONE) < 0) {
          e.invalid(p + ".maxLimitRequestRatio[" + k + "]", v.toString(), "ratio " + v + " is less than 1");
        }
      });
    }
  }

  private static void nonNegative(String field, Quantity q, Errors e) {
    try {
      if (Quantities.value(q).signum() < 0) e.invalid(field, q.toString(), "must be greater than or equal to 0");
    } catch (RuntimeException ex) {
      e.invalid(field, String.valueOf(q), "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    }
  }

  private static boolean gt(Quantity a, Quantity b) {
    try {
      return Quantities.value(a).compareTo(Quantities.value(b)) > 0;
    } catch (RuntimeException ex) {
      return false;
    }
  }

  private static Map<String, Quantity> map(Map<String, Quantity> m) { return m == null ? Map.of() : new TreeMap<>(m); }

  @SafeVarargs
  private static Set<String> keys(Map<String, Quantity>... maps) {
    Set<String> out = new java.util.TreeSet<>();
    for (Map<String, Quantity> m : maps) out.addAll(m.keySet());
    return out;
  }
}
