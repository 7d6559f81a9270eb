package io.j8s.controllers.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.controllers.ObjectRef;
import io.j8s.controllers.namespace.NamespacePlanner.Action.DeleteContent;
import io.j8s.controllers.namespace.NamespacePlanner.Action.Finalize;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NamespacePlannerTest {
  static ObjectRef ns(String name, boolean deleting) {
    return new ObjectRef("v1", "Namespace", null, name, "ns-" + name, deleting, List.of("kubernetes"), List.of());
  }

  static ObjectRef in(String ns, String kind, String name, boolean deleting) {
    return new ObjectRef("v1", kind, ns, name, ns + "/" + name, deleting, List.of(), List.of());
  }

  @Test
  void activeNamespacesAreLeftAlone() {
    assertThat(NamespacePlanner.plan(List.of(ns("a", false), in("a", "Pod", "p", false)))).isEmpty();
  }

  @Test
  void terminatingNamespaceDeletesItsContentOnly() {
    ObjectRef p = in("a", "Pod", "p", false);
    ObjectRef cm = in("a", "ConfigMap", "c", false);
    ObjectRef other = in("b", "Pod", "p", false);
    ObjectRef node = new ObjectRef("v1", "Node", null, "n1", "n1", false, List.of(), List.of());
    assertThat(NamespacePlanner.plan(List.of(ns("a", true), ns("b", false), p, cm, other, node)))
        .containsExactly(new DeleteContent(p), new DeleteContent(cm));
  }

  @Test
  void waitsForContentAlreadyDeleting() {
    assertThat(NamespacePlanner.plan(List.of(ns("a", true), in("a", "Pod", "p", true)))).isEmpty();
  }

  @Test
  void emptyTerminatingNamespaceIsFinalized() {
    assertThat(NamespacePlanner.plan(List.of(ns("a", true), ns("b", true), in("b", "Pod", "p", false), ns("c", false))))
        .containsExactly(new Finalize("a"), new DeleteContent(in("b", "Pod", "p", false)));
  }

  @Test
  void clusterScopedObjectsNamedLikeTheNamespaceDoNotBlockIt() {
    ObjectRef sameName = new ObjectRef("v1", "ClusterRole", null, "a", "cr", false, List.of(), List.of());
    assertThat(NamespacePlanner.plan(List.of(ns("a", true), sameName))).containsExactly(new Finalize("a"));
  }

  /** Seeded simulation: repeatedly apply the plan; finalizers on content are released one round after deletion. */
  @Test
  void randomNamespacesDrainAndFinalize() {
    Random rnd = new Random(42);
    for (int run = 0; run < 200; run++) {
      List<ObjectRef> objs = new ArrayList<>();
      int nss = 1 + rnd.nextInt(4);
      List<String> terminating = new ArrayList<>();
      for (int i = 0; i < nss; i++) {
        boolean del = rnd.nextBoolean();
        objs.add(ns("n" + i, del));
        if (del) terminating.add("n" + i);
      }
      int content = rnd.nextInt(30);
      for (int i = 0; i < content; i++) {
        String n = "n" + rnd.nextInt(nss);
        boolean slow = rnd.nextInt(3) == 0;
        objs.add(new ObjectRef("v1", "Pod", n, "p" + i, n + "/p" + i, false, slow ? List.of("example.com/slow") : List.of(), List.of()));
      }
      List<String> survivorsExpected = objs.stream().filter(o -> o.namespace() != null && !terminating.contains(o.namespace()))
          .map(ObjectRef::uid).toList();
      int rounds = 0;
      while (true) {
        // finalizers of deleting content are released by "someone else" one round later
        List<ObjectRef> next = new ArrayList<>();
        for (ObjectRef o : objs) {
          if (o.deleting() && !o.kind().equals("Namespace")) continue; // its finalizer was released
          next.add(o);
        }
        objs = next;
        List<NamespacePlanner.Action> actions = NamespacePlanner.plan(objs);
        if (actions.isEmpty()) break;
        assertThat(++rounds).as("run %d", run).isLessThanOrEqualTo(5);
        for (NamespacePlanner.Action a : actions) {
          switch (a) {
            case DeleteContent d -> {
              assertThat(terminating).as("run %d", run).contains(d.target().namespace());
              ObjectRef t = d.target();
              objs.remove(t);
              if (!t.finalizers().isEmpty()) {
                objs.add(new ObjectRef(t.apiVersion(), t.kind(), t.namespace(), t.name(), t.uid(), true, t.finalizers(), t.owners()));
              }
            }
            case Finalize f -> {
              assertThat(objs).as("run %d: finalized non-empty %s", run, f.namespace()).noneMatch(o -> f.namespace().equals(o.namespace()));
              objs.removeIf(o -> o.kind().equals("Namespace") && o.name().equals(f.namespace()));
            }
          }
        }
      }
      assertThat(objs).as("run %d", run).noneMatch(o -> terminating.contains(o.name()) && o.kind().equals("Namespace"));
      assertThat(objs.stream().filter(o -> o.namespace() != null).map(ObjectRef::uid).toList())
          .as("run %d", run).containsExactlyInAnyOrderElementsOf(survivorsExpected);
    }
  }
}
