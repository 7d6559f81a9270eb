package io.j8s.api.quota;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A pod's effective requests and limits as upstream computes them: the sum over its containers
 * and restartable init containers (sidecars), or, where larger, what any one init container
 * needs together with the sidecars started before it. Pod overhead is not counted (no
 * RuntimeClass here).
 */
public final class PodResources {
  private PodResources() {}

  public static Map<String, Quantity> requests(Pod pod) { return aggregate(pod.getSpec(), ResourceRequirements::getRequests); }

  public static Map<String, Quantity> limits(Pod pod) { return aggregate(pod.getSpec(), ResourceRequirements::getLimits); }

  static Map<String, Quantity> of(Container c, Function<ResourceRequirements, Map<String, Quantity>> part) {
    if (c.getResources() == null || part.apply(c.getResources()) == null) return Map.of();
    return part.apply(c.getResources());
  }

  private static Map<String, Quantity> aggregate(PodSpec spec, Function<ResourceRequirements, Map<String, Quantity>> part) {
    Map<String, Quantity> total = new TreeMap<>();
    if (spec == null) return total;
    for (Container c : list(spec.getContainers())) total = Quantities.add(total, of(c, part));
    Map<String, Quantity> sidecars = new TreeMap<>();
    Map<String, Quantity> init = new TreeMap<>();
    for (Container c : list(spec.getInitContainers())) {
      Map<String, Quantity> needs;
      if ("Always".equals(c.getRestartPolicy())) {
        total = Quantities.add(total, of(c, part));
        sidecars = Quantities.add(sidecars, of(c, part));
        needs = sidecars;
      } else {
        needs = Quantities.add(of(c, part), sidecars);
      }
      init = max(init, needs);
    }
    return max(total, init);
  }

  /** Key by key, the larger of the two. */
  static Map<String, Quantity> max(Map<String, Quantity> a, Map<String, Quantity> b) {
    Map<String, Quantity> out = new TreeMap<>(a);
    b.forEach((k, v) -> out.merge(k, v, (x, y) -> Quantities.value(y).compareTo(Quantities.value(x)) > 0 ? y : x));
    return out;
  }

  private static List<Container> list(List<Container> l) { return l == null ? List.of() : l; }

  /** Upstream's QoS class: Guaranteed, Burstable or BestEffort (cpu and memory of every container). */
  public static String qosClass(PodSpec spec) {
    boolean any = false;
    boolean guaranteed = true;
    for (List<Container> cs : List.of(list(spec.getInitContainers()), list(spec.getContainers()))) {
      for (Container c : cs) {
        Map<String, Quantity> req = of(c, ResourceRequirements::getRequests);
        Map<String, Quantity> lim = of(c, ResourceRequirements::getLimits);
        for (String r : List.of("cpu", "memory")) {
          Quantity q = req.get(r);
          Quantity l = lim.get(r);
          if ((q != null && Quantities.value(q).signum() != 0) || (l != null && Quantities.value(l).signum() != 0)) any = true;
          if (l == null || (q != null && Quantities.value(q).compareTo(Quantities.value(l)) != 0)) guaranteed = false;
        }
      }
    }
    if (!any) return "BestEffort";
    return guaranteed ? "Guaranteed" : "Burstable";
  }
}
