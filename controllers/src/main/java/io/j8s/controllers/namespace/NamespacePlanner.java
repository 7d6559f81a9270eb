package io.j8s.controllers.namespace;

import io.j8s.controllers.ObjectRef;
import java.util.ArrayList;
import java.util.List;

/** Pure: what namespace deletion does next for a snapshot of every object. */
public final class NamespacePlanner {
  private NamespacePlanner() {}

  /** One step. */
  public sealed interface Action {
    /** Delete an object inside a terminating namespace. */
    record DeleteContent(ObjectRef target) implements Action {}
    /** The namespace is empty: clear its spec finalizers. */
    record Finalize(String namespace) implements Action {}
  }

  public static List<Action> plan(List<ObjectRef> objects) {
    List<Action> out = new ArrayList<>();
    for (ObjectRef ns : objects) {
      if (!ns.kind().equals("Namespace") || !ns.deleting()) continue;
      boolean empty = true;
      for (ObjectRef o : objects) {
        if (!ns.name().equals(o.namespace())) continue;
        empty = false;
        if (!o.deleting()) out.add(new Action.DeleteContent(o));
      }
      if (empty) out.add(new Action.Finalize(ns.name()));
    }
    return out;
  }
}
