package io.j8s.controllers.gc;

import io.j8s.controllers.ObjectRef;
import java.util.List;

/** Test helpers for building snapshots. */
final class Refs {
  private Refs() {}

  static ObjectRef obj(String kind, String uid, ObjectRef.Owner... owners) {
    return new ObjectRef("v1", kind, "ns", uid, uid, false, List.of(), List.of(owners));
  }

  static ObjectRef deleting(String kind, String uid, String finalizer, ObjectRef.Owner... owners) {
    return new ObjectRef("v1", kind, "ns", uid, uid, true, finalizer == null ? List.of() : List.of(finalizer), List.of(owners));
  }

  static ObjectRef.Owner owner(String kind, String uid) { return new ObjectRef.Owner(uid, kind, true); }

  static ObjectRef.Owner weakOwner(String kind, String uid) { return new ObjectRef.Owner(uid, kind, false); }
}
