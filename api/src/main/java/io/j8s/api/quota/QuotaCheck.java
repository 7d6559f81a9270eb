package io.j8s.api.quota;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Whether one create (or usage-changing update) fits every quota of its namespace, as upstream's
 * quota admission decides: each quota that tracks the object must know its usage, the object
 * must set what the quota requires of it, and used + requested must stay within hard for every
 * resource the request consumes. The result carries each charged quota's new {@code status.used}.
 */
public final class QuotaCheck {
  private QuotaCheck() {}

  public sealed interface Result {}

  /** Fits; {@code charges} maps the name of each quota whose usage grows to its new status.used. */
  public record Allowed(Map<String, Map<String, Quantity>> charges) implements Result {}

  /** Refused, with upstream's message (without the "<kind> \"name\" is forbidden: " prefix). */
  public record Denied(String message) implements Result {}

  /** These quotas track the object but lack usage for some resource: compute it first. */
  public record UsageUnknown(List<String> quotas) implements Result {}

  /** The quota's enforced limits: status.hard as the server mirrors it, spec.hard until then. */
  public static Map<String, Quantity> hard(ResourceQuota q) {
    if (q.getStatus() != null && q.getStatus().getHard() != null && !q.getStatus().getHard().isEmpty()) return q.getStatus().getHard();
    return q.getSpec() == null || q.getSpec().getHard() == null ? Map.of() : q.getSpec().getHard();
  }

  static Map<String, Quantity> used(ResourceQuota q) {
    return q.getStatus() == null || q.getStatus().getUsed() == null ? Map.of() : q.getStatus().getUsed();
  }

  /**
   * @param old the object before an update, null on create
   */
  public static Result check(List<ResourceQuota> quotas, Evaluator ev, HasMetadata obj, HasMetadata old, Instant now) {
    List<ResourceQuota> tracking = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (ResourceQuota q : quotas) {
      Map<String, Quantity> hard = hard(q);
      if (!ev.matches(q, hard.keySet(), obj)) continue;
      Set<String> restricted = ev.matching(hard.keySet());
      String why = ev.constraints(restricted, obj);
      if (why != null) return new Denied("failed quota: " + q.getMetadata().getName() + ": " + why);
      if (!used(q).keySet().containsAll(restricted)) unknown.add(q.getMetadata().getName());
      tracking.add(q);
    }
    if (!unknown.isEmpty()) return new UsageUnknown(unknown);
    if (tracking.isEmpty()) return new Allowed(Map.of());
    Map<String, Quantity> delta = ev.usage(obj, now);
    for (var e : delta.entrySet()) {
      if (Quantities.value(e.getValue()).signum() < 0) return new Denied("quota usage is negative for resource(s): " + e.getKey());
    }
    if (old != null) {
      Map<String, Quantity> before = ev.usage(old, now);
      Map<String, Quantity> d = new TreeMap<>();
      delta.forEach((k, v) -> d.put(k, Quantities.subtractNonNegative(v, before.get(k))));
      delta = d;
    }
    if (delta.values().stream().allMatch(v -> Quantities.value(v).signum() == 0)) return new Allowed(Map.of());
    Map<String, Map<String, Quantity>> charges = new LinkedHashMap<>();
    for (ResourceQuota q : tracking) {
      Map<String, Quantity> hard = hard(q);
      Map<String, Quantity> used = used(q);
      Map<String, Quantity> requested = mask(delta, hard.keySet());
      Map<String, Quantity> next = Quantities.add(used, requested);
      Set<String> exceeded = new TreeSet<>();
      for (String k : requested.keySet()) {
        if (Quantities.value(next.get(k)).compareTo(Quantities.value(hard.get(k))) > 0) exceeded.add(k);
      }
      if (!exceeded.isEmpty()) {
        return new Denied("exceeded quota: " + q.getMetadata().getName() + ", requested: " + Quantities.pretty(mask(requested, exceeded))
            + ", used: " + Quantities.pretty(mask(used, exceeded)) + ", limited: " + Quantities.pretty(mask(hard, exceeded)));
      }
      if (!Quantities.equal(next, used)) charges.put(q.getMetadata().getName(), next);
    }
    return new Allowed(charges);
  }

  /** The entries of {@code list} whose keys are in {@code keys}. */
  public static Map<String, Quantity> mask(Map<String, Quantity> list, Set<String> keys) {
    Map<String, Quantity> out = new TreeMap<>();
    list.forEach((k, v) -> {
      if (keys.contains(k)) out.put(k, v);
    });
    return out;
  }
}
