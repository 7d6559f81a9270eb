package io.j8s.controllers.scheduler.framework;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The outcome of scheduling one pod against a snapshot of nodes. */
public sealed interface Decision {

  /** Bind to {@code node}; {@code scores} holds every feasible node's weighted total. */
  record Bind(String node, Map<String, Long> scores) implements Decision {}

  /** No node fits; {@code reasons} says why for each node (upstream's wording). */
  record Unschedulable(int nodes, Map<String, List<String>> reasons) implements Decision {
    /** Upstream's FitError text: {@code 0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match ...}. */
    public String message() {
      if (nodes == 0) return "no nodes available to schedule pods";
      Map<String, Integer> histogram = new TreeMap<>();
      for (List<String> rs : reasons.values()) for (String r : rs) histogram.merge(r, 1, Integer::sum);
      List<String> parts = new ArrayList<>();
      histogram.forEach((r, n) -> parts.add(n + " " + r));
      parts.sort(null);
      return "0/" + nodes + " nodes are available: " + String.join(", ", parts) + ".";
    }
  }
}
