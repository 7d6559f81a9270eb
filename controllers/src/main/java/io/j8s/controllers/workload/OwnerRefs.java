package io.j8s.controllers.workload;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/** Controller references: the one owner reference with {@code controller: true}. */
final class OwnerRefs {
  private OwnerRefs() {}

  /** The controlling owner reference, or null. */
  static OwnerReference controllerOf(HasMetadata o) {
    var refs = o.getMetadata().getOwnerReferences();
    if (refs == null) return null;
    for (OwnerReference r : refs) if (Boolean.TRUE.equals(r.getController())) return r;
    return null;
  }

  static boolean controlledBy(HasMetadata o, String ownerUid) {
    OwnerReference r = controllerOf(o);
    return r != null && ownerUid != null && ownerUid.equals(r.getUid());
  }

  /** A reference making {@code owner} the controller of a dependent; deletion of the owner waits for it in the foreground. */
  static OwnerReference controllerRef(HasMetadata owner, String apiVersion, String kind) {
    return new OwnerReferenceBuilder().withApiVersion(apiVersion).withKind(kind)
        .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
        .withController(true).withBlockOwnerDeletion(true).build();
  }

  static boolean deleting(HasMetadata o) {
    return o.getMetadata().getDeletionTimestamp() != null && !o.getMetadata().getDeletionTimestamp().isEmpty();
  }
}
