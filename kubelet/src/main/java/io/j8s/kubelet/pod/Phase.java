package io.j8s.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/** The pod phase from its container statuses, as upstream's getPhase (without sidecar or restart-rule gates). */
public final class Phase {
  public static final String PENDING = "Pending", RUNNING = "Running", SUCCEEDED = "Succeeded", FAILED = "Failed";

  private Phase() {}

  public static boolean terminal(String phase) { return SUCCEEDED.equals(phase) || FAILED.equals(phase); }

  /** {@code terminal}: the pod will run nothing again (deleted and stopped), so all-stopped means Succeeded or Failed. */
  public static String of(Pod pod, List<ContainerStatus> init, List<ContainerStatus> app, boolean terminal) {
    String policy = ActionPlanner.restartPolicy(pod);
    int pendingInit = 0, failedInit = 0;
    for (Container c : ActionPlanner.inits(pod)) {
      ContainerStatus s = find(init, c.getName());
      if (s == null) {
        pendingInit++;
      } else if (s.getState().getRunning() != null) {
        pendingInit++;
      } else if (s.getState().getTerminated() != null) {
        if (s.getState().getTerminated().getExitCode() != 0) failedInit++;
      } else if (s.getState().getWaiting() != null) {
        var last = s.getLastState() == null ? null : s.getLastState().getTerminated();
        if (last != null) {
          if (last.getExitCode() != 0) failedInit++;
        } else {
          pendingInit++;
        }
      } else {
        pendingInit++;
      }
    }
    int unknown = 0, running = 0, waiting = 0, stopped = 0, succeeded = 0;
    for (Container c : pod.getSpec().getContainers()) {
      ContainerStatus s = find(app, c.getName());
      if (s == null || s.getState() == null) {
        unknown++;
      } else if (s.getState().getRunning() != null) {
        running++;
      } else if (s.getState().getTerminated() != null) {
        stopped++;
        if (s.getState().getTerminated().getExitCode() == 0) succeeded++;
      } else if (s.getState().getWaiting() != null) {
        if (s.getLastState() != null && s.getLastState().getTerminated() != null) stopped++;
        else waiting++;
      } else {
        unknown++;
      }
    }
    if (failedInit > 0 && policy.equals("Never")) return FAILED;
    if (pendingInit > 0 || waiting > 0) return PENDING;
    if (running > 0 && unknown == 0) return RUNNING;
    if (running == 0 && stopped > 0 && unknown == 0) {
      if (terminal) return stopped == succeeded ? SUCCEEDED : FAILED;
      if (policy.equals("Always")) return RUNNING;
      if (stopped == succeeded) return SUCCEEDED;
      if (policy.equals("Never")) return FAILED;
      return RUNNING;
    }
    return PENDING;
  }

  static ContainerStatus find(List<ContainerStatus> list, String name) {
    for (ContainerStatus s : list) if (name.equals(s.getName())) return s;
    return null;
  }
}
