package io.j8s.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.j8s.kubelet.pod.PodActions.Kill;
import io.j8s.kubelet.pod.RuntimePod.ContainerInfo;
import io.j8s.kubelet.pod.RuntimePod.Sandbox;
import io.j8s.kubelet.pod.RuntimePod.State;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Pure: a pod's spec and runtime state in, its {@link PodActions} out. Modelled on upstream's
 * computePodActions and findNextInitContainerToRun (regular init containers only; restartable
 * "sidecar" init containers are run like regular ones).
 */
public final class ActionPlanner {
  /** Why the pod is synced. */
  public enum Intent {
    /** Run the pod as its spec says. */
    RUN,
    /** Terminal (Succeeded/Failed, or its active deadline passed): stop what runs, start nothing, keep the dead containers. */
    STOP,
    /** Being deleted, or gone from the API: stop everything with the grace period, then remove everything. */
    REMOVE
  }

  private ActionPlanner() {}

  /** {@code pod} may be null only with {@link Intent#REMOVE} (a pod deleted outright). */
  public static PodActions plan(Pod pod, RuntimePod rt, Intent intent, long graceSeconds) {
    return plan(pod, rt, intent, graceSeconds, ProbeResults.NO_PROBES);
  }

  /** As above; a running container whose liveness or startup probe failed is killed, and restarted unless the policy is Never. */
  public static PodActions plan(Pod pod, RuntimePod rt, Intent intent, long graceSeconds, ProbeResults probes) {
    List<String> gcContainers = new ArrayList<>(deadContainersToRemove(rt));
    if (intent != Intent.RUN) {
      boolean busy = rt.anyRunning() || rt.anySandboxReady();
      boolean remove = intent == Intent.REMOVE && !busy && !rt.isEmpty();
      return new PodActions(busy, false, null, 0, null, List.of(), List.of(), graceSeconds,
          remove ? List.of() : gcContainers, remove ? List.of() : sandboxesToRemove(rt, gcContainers, null), remove);
    }
    String policy = restartPolicy(pod);
    SandboxDecision sd = sandboxDecision(pod, rt);
    if (sd.create) {
      if (!policy.equals("Never") || sd.attempt == 0 || rt.containers().isEmpty()) {
        List<String> toStart = new ArrayList<>();
        for (Container c : pod.getSpec().getContainers()) {
          if (policy.equals("OnFailure") && succeeded(rt, c.getName())) continue;
          toStart.add(c.getName());
        }
        List<Container> inits = inits(pod);
        if (!toStart.isEmpty() || !inits.isEmpty() && !initDone(pod, rt)) {
          // a new sandbox: kill whatever still runs, start from the first init container again (its old instances go)
          List<String> remove = new ArrayList<>(gcContainers);
          for (ContainerInfo c : rt.containers()) if (c.init() && !remove.contains(c.id())) remove.add(c.id());
          String nextInit = inits.isEmpty() ? null : inits.get(0).getName();
          return new PodActions(true, true, null, sd.attempt, nextInit, nextInit == null ? toStart : List.of(), List.of(),
              graceSeconds, remove, List.of(), false);
        }
      }
      // nothing will run again: only stop what is left
      return new PodActions(true, false, null, 0, null, List.of(), List.of(), graceSeconds, gcContainers,
          sandboxesToRemove(rt, gcContainers, null), false);
    }
    String sandboxId = sd.sandboxId;
    List<Kill> kills = new ArrayList<>(strayContainers(pod, rt, sandboxId));
    List<String> gcSandboxes = sandboxesToRemove(rt, gcContainers, sandboxId);

    // init containers, strictly in order, before any app container
    InitStep init = nextInit(pod, rt);
    if (!init.done) {
      boolean killPod = false;
      String next = null;
      if (init.next != null) {
        boolean failed = init.lastFailed != null;
        if (failed && policy.equals("Never")) {
          killPod = true;
        } else {
          if (init.lastFailed != null && init.lastFailed.state() == State.UNKNOWN) {
            kills.add(new Kill(init.lastFailed.id(), init.lastFailed.name(), "init container in unknown state"));
          }
          next = init.next;
        }
      }
      return new PodActions(killPod, false, sandboxId, 0, next, List.of(), kills, graceSeconds, gcContainers, gcSandboxes, false);
    }

    List<String> toStart = new ArrayList<>();
    int keep = 0;
    for (Container c : pod.getSpec().getContainers()) {
      Optional<ContainerInfo> st = rt.latest(c.getName());
      if (st.isEmpty() || !st.get().running()) {
        if (shouldRestart(c, pod, rt)) toStart.add(c.getName());
        if (st.isPresent() && (st.get().state() == State.UNKNOWN || st.get().state() == State.CREATED)) {
          kills.add(new Kill(st.get().id(), c.getName(), "container is in " + st.get().state() + " state"));
        }
        continue;
      }
      if (!st.get().hash().equals(ContainerConfigs.hash(c))) {
        kills.add(new Kill(st.get().id(), c.getName(), "Container " + c.getName() + " definition changed"));
        toStart.add(c.getName());
        continue;
      }
      Optional<String> unhealthy = probes.killReason(pod.getMetadata().getUid(), c.getName(), st.get().id());
      if (unhealthy.isPresent()) {
        kills.add(new Kill(st.get().id(), c.getName(), unhealthy.get()));
        if (!policy.equals("Never")) toStart.add(c.getName());
        continue;
      }
      keep++;
    }
    boolean killPod = keep == 0 && toStart.isEmpty();
    return new PodActions(killPod, false, sandboxId, 0, null, toStart, killPod ? List.of() : kills, graceSeconds, gcContainers,
        gcSandboxes, false);
  }

  record SandboxDecision(boolean create, int attempt, String sandboxId) {}

  /** Upstream's podSandboxChanged: none, several ready, the newest not ready, or no IP without hostNetwork. */
  static SandboxDecision sandboxDecision(Pod pod, RuntimePod rt) {
    Optional<Sandbox> latest = rt.latestSandbox();
    if (latest.isEmpty()) return new SandboxDecision(true, 0, null);
    Sandbox s = latest.get();
    long ready = rt.sandboxes().stream().filter(Sandbox::ready).count();
    boolean hostNet = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
    if (ready > 1 || !s.ready() || (!hostNet && s.ip().isEmpty())) return new SandboxDecision(true, s.attempt() + 1, s.id());
    return new SandboxDecision(false, s.attempt(), s.id());
  }

  record InitStep(boolean done, String next, ContainerInfo lastFailed) {}

  /** Upstream's findNextInitContainerToRun. */
  static InitStep nextInit(Pod pod, RuntimePod rt) {
    List<Container> inits = inits(pod);
    if (inits.isEmpty()) return new InitStep(true, null, null);
    for (Container c : pod.getSpec().getContainers()) {
      if (rt.latest(c.getName()).map(ContainerInfo::running).orElse(false)) return new InitStep(true, null, null);
    }
    for (int i = inits.size() - 1; i >= 0; i--) {
      Optional<ContainerInfo> st = rt.latest(inits.get(i).getName());
      if (st.isPresent() && initFailed(st.get())) return new InitStep(false, inits.get(i).getName(), st.get());
    }
    for (int i = inits.size() - 1; i >= 0; i--) {
      Optional<ContainerInfo> st = rt.latest(inits.get(i).getName());
      if (st.isEmpty()) continue;
      if (st.get().state() == State.RUNNING) return new InitStep(false, null, null);
      if (st.get().exited()) {
        return i == inits.size() - 1 ? new InitStep(true, null, null) : new InitStep(false, inits.get(i + 1).getName(), null);
      }
    }
    return new InitStep(false, inits.get(0).getName(), null);
  }

  static boolean initDone(Pod pod, RuntimePod rt) { return nextInit(pod, rt).done; }

  static boolean initFailed(ContainerInfo c) {
    return (c.exited() && c.exitCode() != 0) || c.state() == State.UNKNOWN;
  }

  /** Upstream's ShouldContainerBeRestarted (deletion is handled by the intent). */
  static boolean shouldRestart(Container c, Pod pod, RuntimePod rt) {
    Optional<ContainerInfo> st = rt.latest(c.getName());
    if (st.isEmpty()) return true;
    ContainerInfo s = st.get();
    if (s.running()) return false;
    if (s.state() == State.UNKNOWN || s.state() == State.CREATED) return true;
    String policy = restartPolicy(pod);
    if (policy.equals("Never")) return false;
    return !(policy.equals("OnFailure") && s.exitCode() == 0);
  }

  static boolean succeeded(RuntimePod rt, String name) {
    return rt.latest(name).map(c -> c.exited() && c.exitCode() == 0).orElse(false);
  }

  /** Running containers that must not run: not in the spec, in an old sandbox, or older duplicates of one name. */
  static List<Kill> strayContainers(Pod pod, RuntimePod rt, String sandboxId) {
    Set<String> names = new HashSet<>();
    pod.getSpec().getContainers().forEach(c -> names.add(c.getName()));
    inits(pod).forEach(c -> names.add(c.getName()));
    Set<String> seen = new HashSet<>();
    List<Kill> out = new ArrayList<>();
    for (ContainerInfo c : rt.containers()) {
      if (!c.running()) continue;
      if (!names.contains(c.name())) out.add(new Kill(c.id(), c.name(), "container is not in the pod's spec"));
      else if (!c.sandboxId().equals(sandboxId)) out.add(new Kill(c.id(), c.name(), "container runs in an old sandbox"));
      else if (!seen.add(c.name())) out.add(new Kill(c.id(), c.name(), "a newer instance of the container exists"));
    }
    return out;
  }

  /** Simple GC: of the dead instances of each container name, all but the newest. */
  static List<String> deadContainersToRemove(RuntimePod rt) {
    Set<String> keptDead = new HashSet<>();
    List<String> out = new ArrayList<>();
    for (ContainerInfo c : rt.containers()) {
      if (!c.exited()) continue;
      if (!keptDead.add(c.name())) out.add(c.id());
    }
    return out;
  }

  /** Stopped sandboxes other than the current (or newest) one that no kept container uses. */
  static List<String> sandboxesToRemove(RuntimePod rt, List<String> removedContainers, String current) {
    Set<String> used = new LinkedHashSet<>();
    for (ContainerInfo c : rt.containers()) if (!removedContainers.contains(c.id())) used.add(c.sandboxId());
    String keep = current != null ? current : rt.latestSandbox().map(Sandbox::id).orElse(null);
    List<String> out = new ArrayList<>();
    for (Sandbox s : rt.sandboxes()) if (!s.ready() && !s.id().equals(keep) && !used.contains(s.id())) out.add(s.id());
    return out;
  }

  static List<Container> inits(Pod pod) {
    return pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers();
  }

  static String restartPolicy(Pod pod) {
    String p = pod.getSpec().getRestartPolicy();
    return p == null || p.isEmpty() ? "Always" : p;
  }
}
