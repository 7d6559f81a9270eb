package io.j8s.controllers.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.controllers.ObjectRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded random object graphs (DAGs: owners always precede dependents), some objects deleted by a user with a
 * propagation policy; the plan is applied to an in-memory API server until no action remains.
 */
class GcSimulationTest {
  static final List<String> KINDS = List.of("Deployment", "ReplicaSet", "Pod", "ConfigMap");
  static final Set<String> WATCHED = Set.copyOf(KINDS);

  /** A mutable object in the fake API server. */
  static final class Obj {
    final String uid;
    final String kind;
    final List<ObjectRef.Owner> owners = new ArrayList<>();
    final List<String> finalizers = new ArrayList<>();
    boolean deleting;

    Obj(String uid, String kind) {
      this.uid = uid;
      this.kind = kind;
    }

    ObjectRef ref() {
      return new ObjectRef("v1", kind, "ns", uid, uid, deleting, List.copyOf(finalizers), List.copyOf(owners));
    }
  }

  /** The fake API server: delete with a propagation policy, patch owner refs and finalizers. */
  static final class Cluster {
    final Map<String, Obj> objects = new LinkedHashMap<>();
    final List<String> violations = new ArrayList<>();

    void delete(String uid, String propagation) {
      Obj o = objects.get(uid);
      if (o == null || o.deleting) return;
      switch (propagation) {
        case "Foreground" -> o.finalizers.add(GcPlanner.FOREGROUND);
        case "Orphan" -> o.finalizers.add(GcPlanner.ORPHAN);
        default -> { }
      }
      if (o.finalizers.isEmpty()) objects.remove(uid);
      else o.deleting = true;
    }

    void removeFinalizer(String uid, String f) {
      Obj o = objects.get(uid);
      if (o == null) return;
      o.finalizers.remove(f);
      if (o.deleting && o.finalizers.isEmpty()) objects.remove(uid);
    }

    void removeOwnerRef(String uid, String owner) {
      Obj o = objects.get(uid);
      if (o != null) o.owners.removeIf(w -> w.uid().equals(owner));
    }

    List<ObjectRef> snapshot() {
      return objects.values().stream().map(Obj::ref).toList();
    }

    /** Applies one plan, first checking each action against the snapshot it was planned from. */
    void apply(List<GcAction> actions, Map<String, ObjectRef> snap) {
      for (GcAction a : actions) {
        switch (a) {
          case GcAction.Delete d -> {
            for (ObjectRef.Owner w : d.target().owners()) {
              ObjectRef owner = snap.get(w.uid());
              if (owner != null && !owner.deleting()) violations.add("deleted " + d.target().uid() + " with live owner " + w.uid());
              if (owner != null && owner.hasFinalizer(GcPlanner.ORPHAN)) violations.add("cascaded from orphaning owner " + w.uid());
              if (owner == null && !WATCHED.contains(w.kind())) violations.add("unwatched owner judged gone " + w.uid());
            }
            delete(d.target().uid(), d.propagation());
          }
          case GcAction.RemoveOwnerRef r -> {
            ObjectRef owner = snap.get(r.ownerUid());
            // allowed: the owner orphans, or it waits on foreground deletion while the dependent has another owner
            if (owner != null && !owner.hasFinalizer(GcPlanner.ORPHAN) && !owner.hasFinalizer(GcPlanner.FOREGROUND)) {
              violations.add("removed ref from " + r.target().uid() + " to existing non-orphaning owner " + r.ownerUid());
            }
            removeOwnerRef(r.target().uid(), r.ownerUid());
          }
          case GcAction.RemoveFinalizer f -> {
            for (ObjectRef o : snap.values()) {
              // orphaning waits for every reference to go; foreground only for blocking ones (upstream)
              boolean orphan = f.finalizer().equals(GcPlanner.ORPHAN);
              if (o.owners().stream().anyMatch(w -> w.uid().equals(f.target().uid()) && (orphan || w.blockOwnerDeletion()))) {
                violations.add("released " + f.target().uid() + " while " + o.uid() + " still refers to it");
              }
            }
            removeFinalizer(f.target().uid(), f.finalizer());
          }
        }
      }
    }
  }

  /** One random scenario and what the user did. */
  record Scenario(Cluster cluster, Map<String, String> userDeleted, Map<String, List<String>> originalOwners, Set<String> withUnwatchedOwner) {}

  static Scenario randomScenario(Random rnd, boolean foregroundWithSharedDependents) {
    Cluster c = new Cluster();
    Map<String, List<String>> originalOwners = new HashMap<>();
    Set<String> withUnwatched = new HashSet<>();
    int n = 1 + rnd.nextInt(25);
    List<Obj> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Obj o = new Obj("u" + i, KINDS.get(rnd.nextInt(KINDS.size())));
      int owners = i == 0 ? 0 : rnd.nextInt(4) == 0 ? 0 : 1 + (rnd.nextInt(3) == 0 ? rnd.nextInt(3) : 0);
      Set<String> seen = new HashSet<>();
      for (int k = 0; k < owners; k++) {
        int r = rnd.nextInt(10);
        ObjectRef.Owner w;
        if (r == 0) w = new ObjectRef.Owner("gone" + rnd.nextInt(1000), KINDS.get(rnd.nextInt(KINDS.size())), rnd.nextBoolean());
        else if (r == 1) {
          w = new ObjectRef.Owner("ext" + rnd.nextInt(1000), "Unwatched", rnd.nextBoolean());
          withUnwatched.add(o.uid);
        } else {
          Obj owner = all.get(rnd.nextInt(all.size()));
          w = new ObjectRef.Owner(owner.uid, owner.kind, rnd.nextBoolean());
        }
        if (seen.add(w.uid())) o.owners.add(w);
      }
      originalOwners.put(o.uid, o.owners.stream().map(ObjectRef.Owner::uid).toList());
      all.add(o);
      c.objects.put(o.uid, o);
    }
    // the user deletes some objects
    Map<String, String> userDeleted = new LinkedHashMap<>();
    // owners with a dependent that has other owners, anywhere below them (foreground propagates down the tree)
    Set<String> sharedBelow = new HashSet<>();
    for (int i = all.size() - 1; i >= 0; i--) {
      Obj o = all.get(i);
      boolean mark = o.owners.size() > 1 || sharedBelow.contains(o.uid);
      if (mark) for (ObjectRef.Owner w : o.owners) sharedBelow.add(w.uid());
    }
    for (Obj o : all) {
      if (rnd.nextInt(4) != 0) continue;
      String policy = List.of("Background", "Foreground", "Orphan").get(rnd.nextInt(3));
      if (policy.equals("Foreground") && !foregroundWithSharedDependents && sharedBelow.contains(o.uid)) {
        policy = "Background";
      }
      userDeleted.put(o.uid, policy);
    }
    userDeleted.forEach(c::delete);
    return new Scenario(c, userDeleted, originalOwners, withUnwatched);
  }

  /** Runs 200 graphs; returns how often each action type was applied (so a vacuous run can be caught). */
  static Map<String, Integer> runAndCheck(long seed, boolean foregroundWithSharedDependents) {
    Map<String, Integer> applied = new HashMap<>();
    Random rnd = new Random(seed);
    for (int graph = 0; graph < 200; graph++) {
      Scenario s = randomScenario(rnd, foregroundWithSharedDependents);
      Cluster c = s.cluster();
      int initial = s.originalOwners().size();
      int bound = 4 * initial + 10;
      int rounds = 0;
      while (true) {
        List<ObjectRef> snap = c.snapshot();
        List<GcAction> actions = GcPlanner.plan(snap, WATCHED);
        if (actions.isEmpty()) break;
        assertThat(++rounds).as("graph %d does not converge", graph).isLessThanOrEqualTo(bound);
        Map<String, ObjectRef> byUid = new HashMap<>();
        snap.forEach(o -> byUid.put(o.uid(), o));
        c.apply(actions, byUid);
        for (GcAction a : actions) {
          String key = a instanceof GcAction.Delete d ? "Delete/" + d.propagation()
              : a instanceof GcAction.RemoveFinalizer f ? "RemoveFinalizer/" + f.finalizer() : "RemoveOwnerRef";
          applied.merge(key, 1, Integer::sum);
        }
      }
      String ctx = "seed " + seed + " graph " + graph;
      assertThat(c.violations).as(ctx).isEmpty();
      // every deletion the user asked for completed
      for (String uid : s.userDeleted().keySet()) assertThat(c.objects).as(ctx + ": user-deleted " + uid).doesNotContainKey(uid);
      for (Obj o : c.objects.values()) {
        assertThat(o.deleting).as(ctx + ": %s stuck deleting", o.uid).isFalse();
        // no survivor refers to a gone owner of a watched kind
        for (ObjectRef.Owner w : o.owners) {
          assertThat(c.objects.containsKey(w.uid()) || !WATCHED.contains(w.kind()))
              .as(ctx + ": %s keeps dangling ref to %s", o.uid, w.uid()).isTrue();
        }
        // a survivor that lost all its owners must have been orphaned by one of them
        List<String> orig = s.originalOwners().get(o.uid);
        if (!orig.isEmpty() && o.owners.isEmpty()) {
          assertThat(orig).as(ctx + ": %s lost all owners without being orphaned", o.uid)
              .anyMatch(w -> "Orphan".equals(s.userDeleted().get(w)));
        }
      }
      // objects never owned and never deleted by the user survive untouched
      for (var e : s.originalOwners().entrySet()) {
        if (e.getValue().isEmpty() && !s.userDeleted().containsKey(e.getKey())) {
          assertThat(c.objects).as(ctx).containsKey(e.getKey());
        }
      }
      // objects with a reference to an unwatched owner are never collected by the GC
      for (String uid : s.withUnwatchedOwner()) {
        if (!s.userDeleted().containsKey(uid)) assertThat(c.objects).as(ctx + ": %s", uid).containsKey(uid);
      }
    }
    return applied;
  }

  @Test
  void randomGraphsConvergeWithoutCollectingLiveObjects() {
    Map<String, Integer> applied = runAndCheck(20240601L, false);
    assertThat(applied).containsOnlyKeys("Delete/Background", "Delete/Foreground", "RemoveOwnerRef",
        "RemoveFinalizer/" + GcPlanner.ORPHAN, "RemoveFinalizer/" + GcPlanner.FOREGROUND);
    assertThat(applied.values()).allMatch(n -> n >= 5);
  }

  @Test
  void anotherSeed() {
    assertThat(runAndCheck(7L, false)).containsKeys("Delete/Background", "Delete/Foreground", "RemoveOwnerRef");
  }

  @Test
  void simulationDetectsAFaultyPlanner() {
    // The checker itself must be able to fail: a cluster where a deleted object had a live owner.
    Cluster c = new Cluster();
    Obj owner = new Obj("o", "Deployment");
    Obj dep = new Obj("d", "ReplicaSet");
    dep.owners.add(new ObjectRef.Owner("o", "Deployment", true));
    c.objects.put("o", owner);
    c.objects.put("d", dep);
    Map<String, ObjectRef> snap = Map.of("o", owner.ref(), "d", dep.ref());
    c.apply(List.of(new GcAction.Delete(dep.ref(), "Background"), new GcAction.RemoveFinalizer(owner.ref(), GcPlanner.ORPHAN)), snap);
    assertThat(c.violations).containsExactly("deleted d with live owner o", "released o while d still refers to it");
    assertThat(c.objects).containsOnlyKeys("o");
  }

  @Test
  void randomGraphsIncludingForegroundOwnersOfSharedDependents() {
    runAndCheck(20240601L, true);
  }
}
