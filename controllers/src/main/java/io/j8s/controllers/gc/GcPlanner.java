package io.j8s.controllers.gc;

import io.j8s.controllers.ObjectRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Pure: the garbage collector's actions for a consistent snapshot of every object. */
public final class GcPlanner {
  public static final String ORPHAN = "orphan";
  public static final String FOREGROUND = "foregroundDeletion";

  private GcPlanner() {}

  /**
   * @param watchedKinds kinds the snapshot covers; references to other kinds are never judged gone
   */
  public static List<GcAction> plan(List<ObjectRef> objects, Set<String> watchedKinds) {
    Map<String, ObjectRef> byUid = new HashMap<>();
    Map<String, List<ObjectRef>> dependents = new HashMap<>();
    for (ObjectRef o : objects) byUid.put(o.uid(), o);
    for (ObjectRef o : objects) for (ObjectRef.Owner w : o.owners()) dependents.computeIfAbsent(w.uid(), k -> new ArrayList<>()).add(o);

    List<GcAction> actions = new ArrayList<>();
    for (ObjectRef owner : objects) {
      if (!owner.deleting()) continue;
      List<ObjectRef> deps = dependents.getOrDefault(owner.uid(), List.of());
      if (owner.hasFinalizer(ORPHAN)) {
        for (ObjectRef d : deps) actions.add(new GcAction.RemoveOwnerRef(d, owner.uid()));
        if (deps.isEmpty()) actions.add(new GcAction.RemoveFinalizer(owner, ORPHAN));
      } else if (owner.hasFinalizer(FOREGROUND)) {
        boolean blocked = false;
        for (ObjectRef d : deps) {
          if (hasSolidOwnerBesides(d, owner, byUid, watchedKinds)) {
            actions.add(new GcAction.RemoveOwnerRef(d, owner.uid()));
          } else if (!d.deleting()) {
            actions.add(new GcAction.Delete(d, "Foreground"));
          }
          blocked |= blocks(d, owner);
        }
        if (!blocked) actions.add(new GcAction.RemoveFinalizer(owner, FOREGROUND));
      }
    }
    for (ObjectRef d : objects) {
      if (d.owners().isEmpty() || d.deleting()) continue;
      List<ObjectRef.Owner> gone = new ArrayList<>();
      boolean anyLive = false;
      for (ObjectRef.Owner w : d.owners()) {
        if (byUid.containsKey(w.uid()) || !watchedKinds.contains(w.kind())) anyLive = true;
        else gone.add(w);
      }
      if (gone.isEmpty()) continue;
      if (!anyLive) actions.add(new GcAction.Delete(d, "Background"));
      else for (ObjectRef.Owner w : gone) actions.add(new GcAction.RemoveOwnerRef(d, w.uid()));
    }
    return actions;
  }

  /** A dependent keeps living while another owner exists that is not itself waiting on its dependents. */
  private static boolean hasSolidOwnerBesides(ObjectRef d, ObjectRef owner, Map<String, ObjectRef> byUid, Set<String> watchedKinds) {
    for (ObjectRef.Owner w : d.owners()) {
      if (w.uid().equals(owner.uid())) continue;
      if (!watchedKinds.contains(w.kind())) return true;
      ObjectRef other = byUid.get(w.uid());
      if (other != null && !(other.deleting() && other.hasFinalizer(FOREGROUND))) return true;
    }
    return false;
  }

  /** A foreground owner waits only for dependents whose reference to it sets blockOwnerDeletion. */
  private static boolean blocks(ObjectRef d, ObjectRef owner) {
    for (ObjectRef.Owner w : d.owners()) if (w.uid().equals(owner.uid()) && w.blockOwnerDeletion()) return true;
    return false;
  }
}
