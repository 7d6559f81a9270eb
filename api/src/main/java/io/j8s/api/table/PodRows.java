package io.j8s.api.table;

import static io.j8s.api.table.Nodes.bool;
import static io.j8s.api.table.Nodes.list;
import static io.j8s.api.table.Nodes.num;
import static io.j8s.api.table.Nodes.present;
import static io.j8s.api.table.Nodes.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pod table. STATUS follows kubectl's reading of a pod: the phase or pod reason, then the
 * first init container that has not finished ({@code Init:1/3}, {@code Init:CrashLoopBackOff},
 * {@code Init:ExitCode:1}), then the waiting or terminated reason of the app containers
 * ({@code CrashLoopBackOff}, {@code Completed}, {@code ExitCode:2}), and {@code Terminating} once
 * deletion started. READY counts ready app containers and started sidecars (restartable init
 * containers); RESTARTS adds "(5m ago)" after the latest restart.
 */
final class PodRows {
  private PodRows() {}

  static final KindTable TABLE = new KindTable(List.of(
      Column.NAME,
      Column.str("Ready", "The aggregate readiness state of this pod for accepting traffic."),
      Column.str("Status", "The aggregate status of the containers in this pod."),
      Column.str("Restarts", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
      Column.AGE,
      Column.wide("IP", "The IP address allocated to the pod."),
      Column.wide("Node", "The node the pod is bound to."),
      Column.wide("Nominated Node", "The node the scheduler nominated while preempting other pods."),
      Column.wide("Readiness Gates", "How many of the pod's readiness gates are satisfied.")),
      PodRows::cells);

  static List<Object> cells(JsonNode pod, Instant now) {
    JsonNode status = pod.path("status");
    String phase = text(status, "phase");
    String reason = text(status, "reason").isEmpty() ? phase : text(status, "reason");
    for (JsonNode c : list(status, "conditions")) {
      if (text(c, "type").equals("PodScheduled") && text(c, "reason").equals("SchedulingGated")) reason = "SchedulingGated";
    }

    List<JsonNode> initSpecs = list(pod, "spec", "initContainers");
    Map<String, JsonNode> initByName = new HashMap<>();
    int total = list(pod, "spec", "containers").size();
    for (JsonNode c : initSpecs) {
      initByName.put(text(c, "name"), c);
      if (sidecar(c)) total++;
    }

    int ready = 0;
    long restarts = 0;
    long sidecarRestarts = 0;
    Instant lastRestart = null;
    Instant lastSidecarRestart = null;
    boolean initializing = false;
    List<JsonNode> initStatuses = list(status, "initContainerStatuses");
    for (int i = 0; i < initStatuses.size(); i++) {
      JsonNode cs = initStatuses.get(i);
      restarts += num(cs, "restartCount");
      lastRestart = later(lastRestart, finishedAt(cs));
      boolean sidecar = sidecar(initByName.get(text(cs, "name")));
      if (sidecar) {
        sidecarRestarts += num(cs, "restartCount");
        lastSidecarRestart = later(lastSidecarRestart, finishedAt(cs));
      }
      JsonNode terminated = cs.path("state").path("terminated");
      JsonNode waiting = cs.path("state").path("waiting");
      if (terminated.isObject() && num(terminated, "exitCode") == 0) continue;
      if (sidecar && bool(cs, "started")) {
        if (bool(cs, "ready")) ready++;
        continue;
      }
      if (terminated.isObject()) {
        reason = text(terminated, "reason").isEmpty()
            ? (num(terminated, "signal") != 0 ? "Init:Signal:" + num(terminated, "signal") : "Init:ExitCode:" + num(terminated, "exitCode"))
            : "Init:" + text(terminated, "reason");
      } else if (waiting.isObject() && !text(waiting, "reason").isEmpty() && !text(waiting, "reason").equals("PodInitializing")) {
        reason = "Init:" + text(waiting, "reason");
      } else {
        reason = "Init:" + i + "/" + initSpecs.size();
      }
      initializing = true;
      break;
    }

    if (!initializing || conditionTrue(status, "Initialized")) {
      restarts = sidecarRestarts;
      lastRestart = lastSidecarRestart;
      boolean hasRunning = false;
      List<JsonNode> statuses = list(status, "containerStatuses");
      for (int i = statuses.size() - 1; i >= 0; i--) {
        JsonNode cs = statuses.get(i);
        restarts += num(cs, "restartCount");
        lastRestart = later(lastRestart, finishedAt(cs));
        JsonNode terminated = cs.path("state").path("terminated");
        JsonNode waiting = cs.path("state").path("waiting");
        if (waiting.isObject() && !text(waiting, "reason").isEmpty()) {
          reason = text(waiting, "reason");
        } else if (terminated.isObject() && !text(terminated, "reason").isEmpty()) {
          reason = text(terminated, "reason");
        } else if (terminated.isObject()) {
          reason = num(terminated, "signal") != 0 ? "Signal:" + num(terminated, "signal") : "ExitCode:" + num(terminated, "exitCode");
        } else if (bool(cs, "ready") && cs.path("state").path("running").isObject()) {
          hasRunning = true;
          ready++;
        }
      }
      if (reason.equals("Completed") && hasRunning) reason = conditionTrue(status, "Ready") ? "Running" : "NotReady";
    }

    boolean deleting = present(pod, "metadata", "deletionTimestamp");
    if (deleting && text(status, "reason").equals("NodeLost")) {
      reason = "Unknown";
    } else if (deleting && !phase.equals("Succeeded") && !phase.equals("Failed")) {
      reason = "Terminating";
    }

    String restartCell = restarts != 0 && lastRestart != null
        ? restarts + " (" + HumanDuration.format(java.time.Duration.between(lastRestart, now)) + " ago)"
        : String.valueOf(restarts);

    String ip = list(status, "podIPs").isEmpty() ? text(status, "podIP") : text(list(status, "podIPs").get(0), "ip");
    return List.of(
        text(pod, "metadata", "name"),
        ready + "/" + total,
        reason,
        restartCell,
        HumanDuration.since(text(pod, "metadata", "creationTimestamp"), now),
        orNone(ip),
        orNone(text(pod, "spec", "nodeName")),
        orNone(text(status, "nominatedNodeName")),
        readinessGates(pod));
  }

  /** Row conditions: finished pods are marked Completed (kubectl can hide them). */
  static ArrayNode conditions(JsonNode pod) {
    String phase = text(pod, "status", "phase");
    if (!phase.equals("Succeeded") && !phase.equals("Failed")) return null;
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    a.addObject().put("type", "Completed").put("status", "True").put("reason", phase)
        .put("message", phase.equals("Succeeded") ? "The pod has completed successfully." : "The pod failed.");
    return a;
  }

  private static String readinessGates(JsonNode pod) {
    List<JsonNode> gates = list(pod, "spec", "readinessGates");
    if (gates.isEmpty()) return "<none>";
    int satisfied = 0;
    for (JsonNode g : gates) {
      for (JsonNode c : list(pod, "status", "conditions")) {
        if (text(c, "type").equals(text(g, "conditionType"))) {
          if (text(c, "status").equals("True")) satisfied++;
          break;
        }
      }
    }
    return satisfied + "/" + gates.size();
  }

  private static boolean sidecar(JsonNode initContainer) {
    return initContainer != null && text(initContainer, "restartPolicy").equals("Always");
  }

  private static boolean conditionTrue(JsonNode status, String type) {
    for (JsonNode c : list(status, "conditions")) {
      if (text(c, "type").equals(type) && text(c, "status").equals("True")) return true;
    }
    return false;
  }

  private static Instant finishedAt(JsonNode containerStatus) {
    JsonNode t = containerStatus.path("lastState").path("terminated");
    return t.isObject() ? HumanDuration.parse(text(t, "finishedAt")) : null;
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) return b;
    if (b == null) return a;
    return b.isAfter(a) ? b : a;
  }

  static String orNone(String s) { return s.isEmpty() ? "<none>" : s; }
}
