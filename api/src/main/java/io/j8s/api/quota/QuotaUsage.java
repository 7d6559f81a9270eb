package io.j8s.api.quota;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A quota's {@code status.used} computed from the objects of its namespace: which resources
 * (group, plural) its hard limits count, then, for each, the summed usage of the objects in
 * the quota's scopes. Resource names no evaluator knows stay out of used, as upstream.
 */
public final class QuotaUsage {
  private QuotaUsage() {}

  /** A group and resource (plural), "" for the core group. */
  public record Resource(String group, String plural) {}

  /** The resources whose objects the given quota resource names count. */
  public static Set<Resource> resources(Set<String> names) {
    Set<Resource> out = new LinkedHashSet<>();
    for (String n : names) {
      if (n.startsWith("count/")) {
        String rest = n.substring("count/".length());
        int dot = rest.indexOf('.');
        out.add(dot < 0 ? new Resource("", rest) : new Resource(rest.substring(dot + 1), rest.substring(0, dot)));
      } else if (Evaluator.LEGACY.containsKey(n)) {
        out.add(new Resource("", Evaluator.LEGACY.get(n)));
      } else if (n.startsWith("services.")) {
        out.add(new Resource("", "services"));
      } else if (n.equals("requests.storage") || n.contains(Evaluator.Claims.CLASS_SUFFIX)) {
        out.add(new Resource("", "persistentvolumeclaims"));
      } else if (!new Evaluator.Pods().matching(Set.of(n)).isEmpty()) {
        out.add(new Resource("", "pods"));
      }
    }
    return out;
  }

  /**
   * The used map for the quota's hard limits.
   *
   * @param objects the namespace's objects of a resource (only those {@link #resources} names are asked for)
   */
  public static Map<String, Quantity> used(ResourceQuota q, Function<Resource, List<? extends HasMetadata>> objects, Instant now) {
    Map<String, Quantity> hard = QuotaCheck.hard(q);
    Map<String, Quantity> used = new TreeMap<>();
    for (Resource r : resources(hard.keySet())) {
      Evaluator ev = Evaluator.of(r.group(), r.plural());
      Set<String> keys = ev.matching(hard.keySet());
      Map<String, Quantity> sum = new TreeMap<>();
      for (String k : keys) sum.put(k, Quantities.add(null, new Quantity("0")));
      for (HasMetadata o : objects.apply(r)) {
        if (!ev.inScopes(q, o)) continue;
        Map<String, Quantity> u = QuotaCheck.mask(ev.usage(o, now), keys);
        u.forEach((k, v) -> sum.merge(k, v, (a, b) -> Quantities.value(a).signum() == 0 ? Quantities.add(null, b) : Quantities.add(a, b)));
      }
      used.putAll(sum);
    }
    return used;
  }
}
