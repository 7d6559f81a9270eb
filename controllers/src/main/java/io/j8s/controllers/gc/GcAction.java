package io.j8s.controllers.gc;

import io.j8s.controllers.ObjectRef;

/** One step of garbage collection. */
public sealed interface GcAction {
  ObjectRef target();

  /** Delete the object (its own dependents follow by the given propagation policy). */
  record Delete(ObjectRef target, String propagation) implements GcAction {}

  /** Remove the ownerReference to {@code ownerUid} from the object. */
  record RemoveOwnerRef(ObjectRef target, String ownerUid) implements GcAction {}

  /** Remove a finalizer from the object (the API server deletes it if none remain). */
  record RemoveFinalizer(ObjectRef target, String finalizer) implements GcAction {}
}
