package io.j8s.controllers.workload;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.j8s.api.selector.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pure: which candidates a controller owns, should adopt (orphans that match its selector) or
 * should release (its own that no longer match), as upstream's ControllerRefManager decides.
 */
record Claims<T extends HasMetadata>(List<T> owned, List<T> adopt, List<T> release) {

  static <T extends HasMetadata> Claims<T> of(HasMetadata owner, LabelSelector selector, List<T> candidates) {
    String uid = owner.getMetadata().getUid();
    boolean ownerDeleting = OwnerRefs.deleting(owner);
    List<T> owned = new ArrayList<>();
    List<T> adopt = new ArrayList<>();
    List<T> release = new ArrayList<>();
    for (T c : candidates) {
      Map<String, String> labels = c.getMetadata().getLabels() == null ? Map.of() : c.getMetadata().getLabels();
      OwnerReference ref = OwnerRefs.controllerOf(c);
      if (ref != null) {
        if (!uid.equals(ref.getUid())) continue; // another controller's
        if (selector.matches(labels)) owned.add(c);
        else if (!ownerDeleting) release.add(c);
        continue;
      }
      if (ownerDeleting || OwnerRefs.deleting(c) || !selector.matches(labels)) continue;
      adopt.add(c);
    }
    return new Claims<>(owned, adopt, release);
  }
}
