package io.j8s.controllers.workload;

import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;

/** One write a Deployment sync makes, in order; a failed write stops the rest (the next sync replans). */
sealed interface DeploymentAction {
  /** Create the Deployment's ReplicaSet for its current template. */
  record CreateReplicaSet(ReplicaSet replicaSet) implements DeploymentAction {}

  /** Update a ReplicaSet (replicas, annotations, minReadySeconds), guarded by its resourceVersion. */
  record UpdateReplicaSet(ReplicaSet replicaSet) implements DeploymentAction {}

  /** Delete an old ReplicaSet beyond revisionHistoryLimit. */
  record DeleteReplicaSet(String name, String uid) implements DeploymentAction {}

  /** Set the Deployment's revision annotation. */
  record SetRevision(String revision) implements DeploymentAction {}

  record UpdateStatus(DeploymentStatus status) implements DeploymentAction {}

  /** An event about the Deployment. */
  record Event(String type, String reason, String message) implements DeploymentAction {}
}
