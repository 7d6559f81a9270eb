package io.j8s.api.table;

import static io.j8s.api.table.Nodes.at;
import static io.j8s.api.table.Nodes.list;
import static io.j8s.api.table.Nodes.num;
import static io.j8s.api.table.Nodes.present;
import static io.j8s.api.table.Nodes.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Tables of the workload controllers: Deployment, ReplicaSet, DaemonSet, ControllerRevision, HorizontalPodAutoscaler. */
final class WorkloadRows {
  private WorkloadRows() {}

  private static final Column CONTAINERS = Column.wide("Containers", "Names of each container in the template.");
  private static final Column IMAGES = Column.wide("Images", "Images referenced by each container in the template.");
  private static final Column SELECTOR = Column.wide("Selector", "The label selector of the pods this object manages.");

  static final KindTable DEPLOYMENT = new KindTable(List.of(
      Column.NAME,
      Column.str("Ready", "Number of the pod with ready state"),
      Column.integer("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
      Column.integer("Available", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
      Column.AGE, CONTAINERS, IMAGES, SELECTOR),
      (d, now) -> {
        List<Object> c = new ArrayList<>(List.of(
            text(d, "metadata", "name"),
            num(d, "status", "readyReplicas") + "/" + replicas(d),
            num(d, "status", "updatedReplicas"),
            num(d, "status", "availableReplicas"),
            age(d, now)));
        template(c, d);
        return c;
      });

  static final KindTable REPLICA_SET = new KindTable(List.of(
      Column.NAME,
      Column.integer("Desired", "Number of desired pods."),
      Column.integer("Current", "The most recently observed number of replicas."),
      Column.integer("Ready", "The number of pods targeted by this ReplicaSet with a Ready Condition."),
      Column.AGE, CONTAINERS, IMAGES, SELECTOR),
      (rs, now) -> {
        List<Object> c = new ArrayList<>(List.of(
            text(rs, "metadata", "name"),
            replicas(rs),
            num(rs, "status", "replicas"),
            num(rs, "status", "readyReplicas"),
            age(rs, now)));
        template(c, rs);
        return c;
      });

  static final KindTable DAEMON_SET = new KindTable(List.of(
      Column.NAME,
      Column.integer("Desired", "The total number of nodes that should be running the daemon pod."),
      Column.integer("Current", "The number of nodes running at least one daemon pod that are supposed to."),
      Column.integer("Ready", "The number of nodes whose daemon pod is ready."),
      Column.integer("Up-to-date", "The number of nodes running the updated daemon pod."),
      Column.integer("Available", "The number of nodes whose daemon pod has been available for minReadySeconds."),
      Column.str("Node Selector", "Labels a node must have to run the daemon pod."),
      Column.AGE, CONTAINERS, IMAGES, SELECTOR),
      (ds, now) -> {
        List<Object> c = new ArrayList<>(List.of(
            text(ds, "metadata", "name"),
            num(ds, "status", "desiredNumberScheduled"),
            num(ds, "status", "currentNumberScheduled"),
            num(ds, "status", "numberReady"),
            num(ds, "status", "updatedNumberScheduled"),
            num(ds, "status", "numberAvailable"),
            Selectors.labels(at(ds, "spec", "template", "spec", "nodeSelector")),
            age(ds, now)));
        template(c, ds);
        return c;
      });

  static final KindTable HPA = new KindTable(List.of(
      Column.NAME,
      Column.str("Reference", "The scaled object, as kind/name."),
      Column.str("Targets", "The current and target values of the metrics."),
      Column.str("MinPods", "The lower limit for the number of replicas."),
      Column.integer("MaxPods", "The upper limit for the number of replicas."),
      Column.integer("Replicas", "The current number of replicas."),
      Column.AGE),
      (h, now) -> List.of(
          text(h, "metadata", "name"),
          text(h, "spec", "scaleTargetRef", "kind") + "/" + text(h, "spec", "scaleTargetRef", "name"),
          HpaTargets.format(h),
          present(h, "spec", "minReplicas") ? String.valueOf(num(h, "spec", "minReplicas")) : "<unset>",
          num(h, "spec", "maxReplicas"),
          num(h, "status", "currentReplicas"),
          age(h, now)));

  /** spec.replicas, which the API defaults to 1. */
  private static long replicas(JsonNode o) {
    return present(o, "spec", "replicas") ? num(o, "spec", "replicas") : 1;
  }

  /** Appends CONTAINERS, IMAGES and SELECTOR from the pod template and selector. */
  private static void template(List<Object> cells, JsonNode o) {
    List<String> names = new ArrayList<>();
    List<String> images = new ArrayList<>();
    for (JsonNode c : list(o, "spec", "template", "spec", "containers")) {
      names.add(text(c, "name"));
      images.add(text(c, "image"));
    }
    cells.add(String.join(",", names));
    cells.add(String.join(",", images));
    cells.add(Selectors.selector(at(o, "spec", "selector")));
  }

  static final KindTable CONTROLLER_REVISION = new KindTable(List.of(
      Column.NAME,
      Column.str("Controller", "Controller of the object."),
      Column.integer("Revision", "Revision of the ControllerRevision."),
      Column.AGE),
      (r, now) -> {
        String controller = "";
        for (JsonNode o : r.path("metadata").path("ownerReferences")) {
          if (!o.path("controller").asBoolean(false)) continue;
          String av = o.path("apiVersion").asText("");
          String group = av.contains("/") ? "." + av.substring(0, av.indexOf('/')) : "";
          controller = o.path("kind").asText("").toLowerCase(java.util.Locale.ROOT) + group + "/" + o.path("name").asText("");
        }
        return List.of(text(r, "metadata", "name"), controller, num(r, "revision"), age(r, now));
      });

  static String age(JsonNode o, Instant now) {
    return HumanDuration.since(text(o, "metadata", "creationTimestamp"), now);
  }
}
