package io.j8s.controllers.workload;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Instant;
import java.util.Comparator;

/** The ReplicaSet orders upstream's controller package defines. */
final class Orders {
  private Orders() {}

  private static Instant created(ReplicaSet rs) {
    Instant t = Times.parse(rs.getMetadata().getCreationTimestamp());
    return t == null ? Instant.MAX : t;
  }

  /** Oldest first; equal times by name. */
  static final Comparator<ReplicaSet> BY_CREATION = Comparator.comparing(Orders::created)
      .thenComparing(rs -> rs.getMetadata().getName());

  /** Lowest revision first; equal revisions oldest first. */
  static final Comparator<ReplicaSet> BY_REVISION = Comparator.comparingLong(Revisions::of).thenComparing(BY_CREATION);

  /** Largest first; equal sizes newest first. */
  static final Comparator<ReplicaSet> BY_SIZE_NEWER = Comparator.comparingInt(DeploymentStatuses::spec).reversed()
      .thenComparing(BY_CREATION.reversed());

  /** Largest first; equal sizes oldest first. */
  static final Comparator<ReplicaSet> BY_SIZE_OLDER = Comparator.comparingInt(DeploymentStatuses::spec).reversed()
      .thenComparing(BY_CREATION);
}
