package io.j8s.controllers.workload;

import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Instant;
import java.util.ArrayList;

/** Deployment conditions as upstream keeps them: one per type; same status keeps its transition time. */
final class Conditions {
  static final String PROGRESSING = "Progressing";
  static final String AVAILABLE = "Available";
  static final String REPLICA_FAILURE = "ReplicaFailure";

  // Progressing reasons
  static final String NEW_RS_CREATED = "NewReplicaSetCreated";
  static final String FOUND_NEW_RS = "FoundNewReplicaSet";
  static final String RS_UPDATED = "ReplicaSetUpdated";
  static final String NEW_RS_AVAILABLE = "NewReplicaSetAvailable";
  static final String TIMED_OUT = "ProgressDeadlineExceeded";
  static final String PAUSED = "DeploymentPaused";
  static final String RESUMED = "DeploymentResumed";
  static final String RS_CREATE_ERROR = "ReplicaSetCreateError";
  // Available reasons
  static final String MIN_AVAILABLE = "MinimumReplicasAvailable";
  static final String MIN_UNAVAILABLE = "MinimumReplicasUnavailable";

  private Conditions() {}

  static DeploymentCondition make(String type, String status, String reason, String message, Instant now) {
    String t = Times.format(now);
    return new DeploymentConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
        .withLastUpdateTime(t).withLastTransitionTime(t).build();
  }

  static DeploymentCondition get(DeploymentStatus s, String type) {
    if (s == null || s.getConditions() == null) return null;
    for (DeploymentCondition c : s.getConditions()) if (type.equals(c.getType())) return c;
    return null;
  }

  /** Upstream's SetDeploymentCondition: no change if status and reason are the same. */
  static void set(DeploymentStatus s, DeploymentCondition c) {
    DeploymentCondition cur = get(s, c.getType());
    if (cur != null && cur.getStatus().equals(c.getStatus()) && java.util.Objects.equals(cur.getReason(), c.getReason())) return;
    if (cur != null && cur.getStatus().equals(c.getStatus())) c.setLastTransitionTime(cur.getLastTransitionTime());
    remove(s, c.getType());
    s.getConditions().add(c);
  }

  static void remove(DeploymentStatus s, String type) {
    var list = s.getConditions() == null ? new ArrayList<DeploymentCondition>() : new ArrayList<>(s.getConditions());
    list.removeIf(c -> type.equals(c.getType()));
    s.setConditions(list);
  }
}
