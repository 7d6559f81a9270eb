package io.j8s.testkit.sim;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/** The status a healthy kubelet would report for a started pod, and whether a pod still needs the simulated kubelet. */
final class SimPodStatus {
  private SimPodStatus() {}

  /** Being deleted, or bound and not yet Running and Ready. */
  static boolean needsWork(Pod p) {
    if (p.getMetadata().getDeletionTimestamp() != null) return true;
    var s = p.getStatus();
    if (s == null || !"Running".equals(s.getPhase()) || s.getPodIP() == null) return true;
    return s.getConditions() == null || s.getConditions().stream().noneMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  /** A copy of {@code p} with Running/Ready status at {@code podIp} (the one it has, if any). */
  static Pod running(Pod p, String hostIp, String podIp, ZonedDateTime now) {
    String t = now.toInstant().toString();
    String ip = p.getStatus() != null && p.getStatus().getPodIP() != null ? p.getStatus().getPodIP() : podIp;
    List<PodCondition> conditions = new ArrayList<>();
    for (String type : List.of("PodReadyToStartContainers", "Initialized", "ContainersReady", "Ready", "PodScheduled")) {
      conditions.add(new PodConditionBuilder().withType(type).withStatus("True").withLastTransitionTime(t).build());
    }
    List<ContainerStatus> containers = new ArrayList<>();
    for (Container c : p.getSpec().getContainers()) {
      containers.add(new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage()).withImageID("sim://" + c.getImage())
          .withContainerID("sim://" + p.getMetadata().getUid() + "/" + c.getName()).withReady(true).withStarted(true).withRestartCount(0)
          .withNewState().withNewRunning().withStartedAt(t).endRunning().endState().build());
    }
    return new PodBuilder(p).editOrNewStatus()
        .withPhase("Running").withHostIP(hostIp).withPodIP(ip).withPodIPs(new PodIP(ip))
        .withStartTime(p.getStatus() != null && p.getStatus().getStartTime() != null ? p.getStatus().getStartTime() : t)
        .withConditions(conditions).withContainerStatuses(containers).withQosClass("BestEffort")
        .endStatus().build();
  }
}
