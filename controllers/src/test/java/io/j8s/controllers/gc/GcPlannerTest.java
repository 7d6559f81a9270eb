package io.j8s.controllers.gc;

import static io.j8s.controllers.gc.Refs.deleting;
import static io.j8s.controllers.gc.Refs.obj;
import static io.j8s.controllers.gc.Refs.owner;
import static io.j8s.controllers.gc.Refs.weakOwner;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.controllers.ObjectRef;
import io.j8s.controllers.gc.GcAction.Delete;
import io.j8s.controllers.gc.GcAction.RemoveFinalizer;
import io.j8s.controllers.gc.GcAction.RemoveOwnerRef;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GcPlannerTest {
  static final Set<String> WATCHED = Set.of("Deployment", "ReplicaSet", "Pod", "ConfigMap");

  static List<GcAction> plan(ObjectRef... objs) { return GcPlanner.plan(List.of(objs), WATCHED); }

  @Test
  void nothingToDoForAHealthyTree() {
    assertThat(plan(obj("Deployment", "d"), obj("ReplicaSet", "rs", owner("Deployment", "d")), obj("Pod", "p", owner("ReplicaSet", "rs"))))
        .isEmpty();
    assertThat(plan()).isEmpty();
  }

  @Test
  void dependentWhoseOnlyOwnerIsGoneIsDeletedInBackground() {
    ObjectRef rs = obj("ReplicaSet", "rs", owner("Deployment", "gone"));
    ObjectRef pod = obj("Pod", "p", owner("ReplicaSet", "rs"));
    assertThat(plan(rs, pod)).containsExactly(new Delete(rs, "Background"));
  }

  @Test
  void dependentWithAllOfSeveralOwnersGoneIsDeleted() {
    ObjectRef cm = obj("ConfigMap", "cm", owner("Pod", "p1"), weakOwner("Pod", "p2"));
    assertThat(plan(cm)).containsExactly(new Delete(cm, "Background"));
  }

  @Test
  void dependentWithOneLiveOwnerKeepsLivingAndDropsTheDanglingRefs() {
    ObjectRef live = obj("Pod", "p1");
    ObjectRef cm = obj("ConfigMap", "cm", owner("Pod", "gone1"), owner("Pod", "p1"), owner("Pod", "gone2"));
    assertThat(plan(live, cm)).containsExactly(new RemoveOwnerRef(cm, "gone1"), new RemoveOwnerRef(cm, "gone2"));
  }

  @Test
  void ownersOfUnwatchedKindsAreNeverJudgedGone() {
    ObjectRef cm = obj("ConfigMap", "cm", owner("CustomThing", "x"));
    assertThat(plan(cm)).isEmpty();
    ObjectRef cm2 = obj("ConfigMap", "cm2", owner("CustomThing", "x"), owner("Pod", "gone"));
    assertThat(plan(cm2)).containsExactly(new RemoveOwnerRef(cm2, "gone"));
  }

  @Test
  void dependentsAlreadyBeingDeletedAreLeftAlone() {
    ObjectRef pod = deleting("Pod", "p", null, owner("ReplicaSet", "gone"));
    assertThat(plan(pod)).isEmpty();
  }

  @Test
  void ownerDeletingWithoutFinalizerDoesNotCascadeUntilItIsGone() {
    ObjectRef rs = deleting("ReplicaSet", "rs", "example.com/hold");
    ObjectRef pod = obj("Pod", "p", owner("ReplicaSet", "rs"));
    assertThat(plan(rs, pod)).isEmpty();
    assertThat(plan(pod)).containsExactly(new Delete(pod, "Background"));
  }

  @Test
  void orphanRemovesOwnerRefsThenTheFinalizer() {
    ObjectRef rs = deleting("ReplicaSet", "rs", GcPlanner.ORPHAN);
    ObjectRef p1 = obj("Pod", "p1", owner("ReplicaSet", "rs"));
    ObjectRef p2 = obj("Pod", "p2", owner("ReplicaSet", "rs"), owner("ConfigMap", "other"));
    assertThat(plan(rs, p1, p2)).containsExactlyInAnyOrder(new RemoveOwnerRef(p1, "rs"), new RemoveOwnerRef(p2, "rs"),
        // p2's other owner is gone while its orphaning owner still exists: the dangling ref goes too
        new RemoveOwnerRef(p2, "other"));
    // after the refs are gone, the finalizer is released and nothing is deleted
    ObjectRef p1b = obj("Pod", "p1");
    assertThat(plan(rs, p1b)).containsExactly(new RemoveFinalizer(rs, GcPlanner.ORPHAN));
  }

  @Test
  void orphanWithoutDependentsReleasesImmediately() {
    ObjectRef d = deleting("Deployment", "d", GcPlanner.ORPHAN);
    assertThat(plan(d)).containsExactly(new RemoveFinalizer(d, GcPlanner.ORPHAN));
  }

  @Test
  void orphanWinsOverForegroundWhenBothArePresent() {
    ObjectRef d = new ObjectRef("apps/v1", "Deployment", "ns", "d", "d", true, List.of(GcPlanner.FOREGROUND, GcPlanner.ORPHAN), List.of());
    ObjectRef rs = obj("ReplicaSet", "rs", owner("Deployment", "d"));
    assertThat(plan(d, rs)).containsExactly(new RemoveOwnerRef(rs, "d"));
  }

  @Test
  void foregroundDeletesDependentsFirstAndWaitsForThem() {
    ObjectRef d = deleting("Deployment", "d", GcPlanner.FOREGROUND);
    ObjectRef rs = obj("ReplicaSet", "rs", owner("Deployment", "d"));
    ObjectRef pod = obj("Pod", "p", owner("ReplicaSet", "rs"));
    assertThat(plan(d, rs, pod)).containsExactly(new Delete(rs, "Foreground"));
    // rs now deletes its own pods in the foreground; d keeps waiting
    ObjectRef rsDeleting = deleting("ReplicaSet", "rs", GcPlanner.FOREGROUND, owner("Deployment", "d"));
    assertThat(plan(d, rsDeleting, pod)).containsExactly(new Delete(pod, "Foreground"));
    ObjectRef podDeleting = deleting("Pod", "p", null, owner("ReplicaSet", "rs"));
    assertThat(plan(d, rsDeleting, podDeleting)).isEmpty();
    // pod gone: rs may go; rs gone: d may go
    assertThat(plan(d, rsDeleting)).containsExactly(new RemoveFinalizer(rsDeleting, GcPlanner.FOREGROUND));
    assertThat(plan(d)).containsExactly(new RemoveFinalizer(d, GcPlanner.FOREGROUND));
  }

  @Test
  void foregroundDeletesNonBlockingDependentsToo() {
    ObjectRef d = deleting("Deployment", "d", GcPlanner.FOREGROUND);
    ObjectRef rs = obj("ReplicaSet", "rs", weakOwner("Deployment", "d"));
    assertThat(plan(d, rs)).containsExactly(new Delete(rs, "Foreground"), new RemoveFinalizer(d, GcPlanner.FOREGROUND));
  }

  /**
   * Upstream (processDeletingDependentsItem) releases the foregroundDeletion finalizer once no dependent with
   * blockOwnerDeletion=true remains; non-blocking dependents are collected afterwards in the background.
   */
  @Test
  void foregroundOwnerWaitsOnlyForBlockingDependents() {
    ObjectRef d = deleting("Deployment", "d", GcPlanner.FOREGROUND);
    ObjectRef rs = deleting("ReplicaSet", "rs", "example.com/slow", weakOwner("Deployment", "d"));
    assertThat(plan(d, rs)).contains(new RemoveFinalizer(d, GcPlanner.FOREGROUND));
  }

  /**
   * Upstream attemptToDeleteItem: a dependent with a solid (live) owner is never deleted; references to owners
   * waiting for dependents' deletion are removed instead.
   */
  @Test
  void foregroundDoesNotDeleteADependentThatHasAnotherLiveOwner() {
    ObjectRef d = deleting("Deployment", "d", GcPlanner.FOREGROUND);
    ObjectRef live = obj("Deployment", "live");
    ObjectRef rs = obj("ReplicaSet", "rs", owner("Deployment", "d"), owner("Deployment", "live"));
    List<GcAction> actions = plan(d, live, rs);
    assertThat(actions).doesNotContain(new Delete(rs, "Foreground"), new Delete(rs, "Background"));
    assertThat(actions).contains(new RemoveOwnerRef(rs, "d"));
  }

  @Test
  void foregroundDoesNotReDeleteADependentAlreadyDeleting() {
    ObjectRef d = deleting("Deployment", "d", GcPlanner.FOREGROUND);
    ObjectRef rs = deleting("ReplicaSet", "rs", "example.com/slow", owner("Deployment", "d"));
    assertThat(plan(d, rs)).isEmpty();
  }

  @Test
  void independentSubtreesArePlannedTogether() {
    ObjectRef orphaner = deleting("Deployment", "a", GcPlanner.ORPHAN);
    ObjectRef rsA = obj("ReplicaSet", "ra", owner("Deployment", "a"));
    ObjectRef rsB = obj("ReplicaSet", "rb", owner("Deployment", "b"));
    ObjectRef podB = obj("Pod", "pb", owner("ReplicaSet", "rb"));
    assertThat(plan(orphaner, rsA, rsB, podB)).containsExactlyInAnyOrder(new RemoveOwnerRef(rsA, "a"), new Delete(rsB, "Background"));
  }
}
