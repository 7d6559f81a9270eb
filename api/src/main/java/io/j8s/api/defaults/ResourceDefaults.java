package io.j8s.api.defaults;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstream's defaults for compute resources: a pod's container that sets a limit but no request
 * for a resource requests its limit (pods only, not templates); a LimitRange's Container item
 * defaults its default limit to max, and its default request to the default limit, else to min.
 */
final class ResourceDefaults {
  private ResourceDefaults() {}

  static void requestsFromLimits(PodSpec s) {
    if (s == null) return;
    for (List<Container> cs : new List[] {s.getContainers(), s.getInitContainers()}) {
      if (cs == null) continue;
      for (Container c : cs) {
        if (c.getResources() == null || c.getResources().getLimits() == null || c.getResources().getLimits().isEmpty()) continue;
        Map<String, Quantity> req = c.getResources().getRequests() == null ? new LinkedHashMap<>()
            : new LinkedHashMap<>(c.getResources().getRequests());
        c.getResources().getLimits().forEach((k, v) -> req.putIfAbsent(k, new Quantity(v.toString())));
        c.getResources().setRequests(req);
      }
    }
  }

  static void limitRange(LimitRange l) {
    if (l.getSpec() == null || l.getSpec().getLimits() == null) return;
    for (LimitRangeItem i : l.getSpec().getLimits()) {
      if (!"Container".equals(i.getType())) continue;
      Map<String, Quantity> def = i.getDefault() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(i.getDefault());
      Map<String, Quantity> defReq = i.getDefaultRequest() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(i.getDefaultRequest());
      if (i.getMax() != null) i.getMax().forEach((k, v) -> def.putIfAbsent(k, new Quantity(v.toString())));
      def.forEach((k, v) -> defReq.putIfAbsent(k, new Quantity(v.toString())));
      if (i.getMin() != null) i.getMin().forEach((k, v) -> defReq.putIfAbsent(k, new Quantity(v.toString())));
      if (!def.isEmpty()) i.setDefault(def);
      if (!defReq.isEmpty()) i.setDefaultRequest(defReq);
    }
  }
}
