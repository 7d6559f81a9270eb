package io.j8s.kubelet.pod;

import java.util.List;

/**
 * What one sync must do to a pod's runtime objects (upstream's podActions), computed by
 * {@link ActionPlanner} and carried out in this order by {@link PodApplier}: kill (the whole pod,
 * or single containers), remove dead containers and sandboxes, create the sandbox, start the next
 * init container or the app containers.
 *
 * @param killPod            stop every running container (with {@code graceSeconds}) and every ready sandbox
 * @param createSandbox      run a new sandbox with {@code attempt}; else {@code sandboxId} is the one to use
 * @param nextInit           the init container to start next, or null
 * @param containersToStart  app containers to start, in spec order
 * @param containersToKill   single running containers to stop
 * @param containersToRemove dead containers to remove (all but the newest dead one per name, or init containers of a replaced sandbox)
 * @param sandboxesToRemove  stopped sandboxes no longer needed
 * @param removeAll          the pod is going away and everything is stopped: remove all its sandboxes and containers
 */
public record PodActions(boolean killPod, boolean createSandbox, String sandboxId, int attempt, String nextInit,
    List<String> containersToStart, List<Kill> containersToKill, long graceSeconds, List<String> containersToRemove,
    List<String> sandboxesToRemove, boolean removeAll) {
  /** One container to stop and why (logged and put in the event message as upstream). */
  public record Kill(String containerId, String name, String reason) {}

  public PodActions {
    containersToStart = List.copyOf(containersToStart);
    containersToKill = List.copyOf(containersToKill);
    containersToRemove = List.copyOf(containersToRemove);
    sandboxesToRemove = List.copyOf(sandboxesToRemove);
  }

  /**
   * True when applying this to {@code before} only creates (a sandbox, containers): nothing is
   * stopped or removed (a pod kill with nothing running and no ready sandbox stops nothing).
   */
  public boolean onlyCreates(RuntimePod before) {
    boolean kills = killPod && (before.anyRunning() || before.anySandboxReady());
    return !kills && containersToKill.isEmpty() && containersToRemove.isEmpty() && sandboxesToRemove.isEmpty() && !removeAll;
  }

  /** True when applying this changes nothing. */
  public boolean isEmpty() {
    return !killPod && !createSandbox && nextInit == null && containersToStart.isEmpty() && containersToKill.isEmpty()
        && containersToRemove.isEmpty() && sandboxesToRemove.isEmpty() && !removeAll;
  }
}
