package io.j8s.controllers.nodelifecycle;

import static io.j8s.controllers.placement.TaintMatch.NOT_READY;
import static io.j8s.controllers.placement.TaintMatch.NO_EXECUTE;
import static io.j8s.controllers.placement.TaintMatch.NO_SCHEDULE;
import static io.j8s.controllers.placement.TaintMatch.UNREACHABLE;

import io.fabric8.kubernetes.api.model.Taint;
import io.j8s.controllers.placement.TaintMatch;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pass of the node lifecycle controller as a pure function of the nodes, the pods and the
 * time: nodes silent for longer than the grace period become Unknown; each node carries the
 * not-ready or unreachable taint (NoSchedule and NoExecute) its Ready condition calls for; pods
 * on lost nodes become not Ready; pods that do not (or no longer) tolerate a NoExecute taint on
 * their node are evicted, tolerationSeconds counted from the taint's timeAdded. Eviction is
 * throttled per zone as a simplified version of upstream's rate limiter: no new NoExecute taint
 * in a zone in partial disruption, and none at all (existing ones removed) when every zone is
 * fully disrupted, where the fault is more likely this controller's view than the nodes.
 */
public final class NodeLifecyclePlanner {
  private NodeLifecyclePlanner() {}

  /** The actions of one pass, and when the next deadline (an eviction or a grace period) falls. */
  public record Plan(List<LifecycleAction> actions, Optional<Instant> nextDeadline, Map<String, ZoneState> zones) {}

  public static Plan plan(Instant now, Duration grace, List<NodeView> nodes, List<PodView> pods) {
    List<LifecycleAction> actions = new ArrayList<>();
    Instant[] next = {null};
    Map<String, String> ready = new HashMap<>();
    for (NodeView n : nodes) {
      boolean silent = !now.isBefore(n.lastProbe().plus(grace));
      if (silent && !"Unknown".equals(n.ready())) actions.add(new LifecycleAction.MarkUnknown(n.name()));
      else if (!silent) earliest(next, n.lastProbe().plus(grace));
      ready.put(n.name(), silent ? "Unknown" : n.ready());
    }
    Map<String, ZoneState> zones = zoneStates(nodes, ready);
    boolean allDisrupted = !zones.isEmpty() && zones.values().stream().allMatch(z -> z == ZoneState.FULL_DISRUPTION);

    Map<String, List<Taint>> noExecute = new HashMap<>();
    for (NodeView n : nodes) {
      String r = ready.get(n.name());
      String wanted = "False".equals(r) ? NOT_READY : "Unknown".equals(r) ? UNREACHABLE : null;
      List<Taint> add = new ArrayList<>();
      List<Taint> remove = new ArrayList<>();
      List<Taint> after = new ArrayList<>(n.taints());
      for (String key : List.of(NOT_READY, UNREACHABLE)) {
        boolean want = key.equals(wanted);
        reconcile(n, key, NO_SCHEDULE, want, now, add, remove, after);
        boolean hadAny = has(n, NOT_READY, NO_EXECUTE) || has(n, UNREACHABLE, NO_EXECUTE);
        boolean mayTaint = !allDisrupted && (hadAny || zones.get(n.zone()) != ZoneState.PARTIAL_DISRUPTION);
        boolean wantExec = want && (has(n, key, NO_EXECUTE) ? !allDisrupted : mayTaint);
        reconcile(n, key, NO_EXECUTE, wantExec, now, add, remove, after);
      }
      if (!add.isEmpty() || !remove.isEmpty()) actions.add(new LifecycleAction.UpdateTaints(n.name(), add, remove));
      noExecute.put(n.name(), after.stream().filter(t -> NO_EXECUTE.equals(t.getEffect())).toList());
    }

    for (PodView p : pods) {
      List<Taint> taints = noExecute.get(p.node());
      if (taints == null || p.deleting()) continue; // not bound, node gone (pod GC's job), or already going
      if (p.ready() && "Unknown".equals(ready.get(p.node()))) actions.add(new LifecycleAction.MarkPodNotReady(p.namespace(), p.name()));
      Instant evictAt = null;
      String because = null;
      for (Taint t : taints) {
        Instant at;
        if (!TaintMatch.toleratedBy(p.tolerations(), t)) at = Instant.MIN;
        else {
          Optional<Long> secs = TaintMatch.tolerationSeconds(p.tolerations(), t);
          if (secs.isEmpty()) continue;
          at = added(t, now).plusSeconds(secs.get());
        }
        if (evictAt == null || at.isBefore(evictAt)) {
          evictAt = at;
          because = t.getKey() + ":" + t.getEffect();
        }
      }
      if (evictAt == null) continue;
      if (!now.isBefore(evictAt)) actions.add(new LifecycleAction.Evict(p.namespace(), p.name(), p.node(), because));
      else earliest(next, evictAt);
    }
    return new Plan(List.copyOf(actions), Optional.ofNullable(next[0]), zones);
  }

  /** Zone states from the Ready statuses this pass decided; nodes without a zone label share the zone "". */
  static Map<String, ZoneState> zoneStates(List<NodeView> nodes, Map<String, String> ready) {
    Map<String, int[]> counts = new HashMap<>();
    for (NodeView n : nodes) counts.computeIfAbsent(n.zone(), z -> new int[2])["True".equals(ready.get(n.name())) ? 0 : 1]++;
    Map<String, ZoneState> out = new HashMap<>();
    counts.forEach((z, c) -> out.put(z, ZoneState.of(c[0], c[1])));
    return out;
  }

  private static void reconcile(NodeView n, String key, String effect, boolean want, Instant now, List<Taint> add, List<Taint> remove,
      List<Taint> after) {
    boolean has = has(n, key, effect);
    if (want && !has) {
      Taint t = new Taint(effect, key, NO_EXECUTE.equals(effect) ? now.truncatedTo(ChronoUnit.SECONDS).toString() : null, null);
      add.add(t);
      after.add(t);
    } else if (!want && has) {
      remove.add(new Taint(effect, key, null, null));
      after.removeIf(t -> key.equals(t.getKey()) && effect.equals(t.getEffect()));
    }
  }

  static boolean has(NodeView n, String key, String effect) {
    return n.taints().stream().anyMatch(t -> key.equals(t.getKey()) && effect.equals(t.getEffect()));
  }

  /** When the taint was added; a NoExecute taint without timeAdded counts from now (the view should fill it in). */
  static Instant added(Taint t, Instant now) {
    return t.getTimeAdded() == null || t.getTimeAdded().isEmpty() ? now : Instant.parse(t.getTimeAdded());
  }

  private static void earliest(Instant[] next, Instant at) {
    if (next[0] == null || at.isBefore(next[0])) next[0] = at;
  }
}
