package io.j8s.api.table;

import static io.j8s.api.table.Nodes.at;
import static io.j8s.api.table.Nodes.list;
import static io.j8s.api.table.Nodes.num;
import static io.j8s.api.table.Nodes.present;
import static io.j8s.api.table.Nodes.text;
import static io.j8s.api.table.WorkloadRows.age;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Tables of Namespace, Node, Event (both API groups) and Lease. */
final class ClusterRows {
  private ClusterRows() {}

  static final KindTable NAMESPACE = new KindTable(List.of(
      Column.NAME, Column.str("Status", "The status of the namespace"), Column.AGE),
      (n, now) -> List.of(text(n, "metadata", "name"), text(n, "status", "phase"), age(n, now)));

  static final KindTable NODE = new KindTable(List.of(
      Column.NAME,
      Column.str("Status", "The status of the node"),
      Column.str("Roles", "The roles of the node"),
      Column.AGE,
      Column.str("Version", "Kubelet Version reported by the node."),
      Column.wide("Internal-IP", "The node's first InternalIP address."),
      Column.wide("External-IP", "The node's first ExternalIP address."),
      Column.wide("OS-Image", "OS Image reported by the node from /etc/os-release."),
      Column.wide("Kernel-Version", "Kernel Version reported by the node."),
      Column.wide("Container-Runtime", "Container runtime version reported by the node.")),
      (n, now) -> List.of(
          text(n, "metadata", "name"), nodeStatus(n), nodeRoles(n), age(n, now),
          text(n, "status", "nodeInfo", "kubeletVersion"),
          address(n, "InternalIP"), address(n, "ExternalIP"),
          orUnknown(text(n, "status", "nodeInfo", "osImage")),
          orUnknown(text(n, "status", "nodeInfo", "kernelVersion")),
          orUnknown(text(n, "status", "nodeInfo", "containerRuntimeVersion"))));

  static final KindTable EVENT = new KindTable(List.of(
      Column.str("Last Seen", "When the event was last observed."),
      Column.str("Type", "Normal or Warning."),
      Column.str("Reason", "Why the action was taken, short and machine-readable."),
      Column.str("Object", "The object the event is about."),
      Column.wide("Subobject", "The part of the object the event is about, e.g. a container."),
      Column.wide("Source", "The component (and host) that reported the event."),
      Column.str("Message", "A human-readable description of the event."),
      Column.wide("First Seen", "When the event was first observed."),
      Column.wide("Count", "How many times the event occurred."),
      new Column("Name", "string", "name", "The name of the event object.", 1)),
      ClusterRows::eventCells);

  static final KindTable LEASE = new KindTable(List.of(
      Column.NAME, Column.str("Holder", "The identity of the lease's current holder."), Column.AGE),
      (l, now) -> List.of(text(l, "metadata", "name"), text(l, "spec", "holderIdentity"), age(l, now)));

  private static String nodeStatus(JsonNode n) {
    List<String> status = new ArrayList<>();
    for (JsonNode c : list(n, "status", "conditions")) {
      if (text(c, "type").equals("Ready")) {
        status.clear();
        status.add(text(c, "status").equals("True") ? "Ready" : "NotReady");
      }
    }
    if (status.isEmpty()) status.add("Unknown");
    if (Nodes.bool(n, "spec", "unschedulable")) status.add("SchedulingDisabled");
    return String.join(",", status);
  }

  private static String nodeRoles(JsonNode n) {
    TreeSet<String> roles = new TreeSet<>();
    at(n, "metadata", "labels").fields().forEachRemaining(e -> {
      if (e.getKey().startsWith("node-role.kubernetes.io/")) {
        String role = e.getKey().substring("node-role.kubernetes.io/".length());
        if (!role.isEmpty()) roles.add(role);
      } else if (e.getKey().equals("kubernetes.io/role") && !e.getValue().asText().isEmpty()) {
        roles.add(e.getValue().asText());
      }
    });
    return roles.isEmpty() ? "<none>" : String.join(",", roles);
  }

  private static String address(JsonNode n, String type) {
    for (JsonNode a : list(n, "status", "addresses")) {
      if (text(a, "type").equals(type)) return text(a, "address");
    }
    return "<none>";
  }

  private static String orUnknown(String s) { return s.isEmpty() ? "<unknown>" : s; }

  /** Core v1 events, and events.k8s.io/v1 ones read through their core-equivalent fields. */
  private static List<Object> eventCells(JsonNode e, Instant now) {
    boolean v1Events = e.path("apiVersion").asText().startsWith("events.k8s.io/")
        || present(e, "regarding") || present(e, "note");
    JsonNode involved = at(e, v1Events ? "regarding" : "involvedObject");
    String firstTs = text(e, v1Events ? "deprecatedFirstTimestamp" : "firstTimestamp");
    String lastTs = text(e, v1Events ? "deprecatedLastTimestamp" : "lastTimestamp");
    long count = num(e, v1Events ? "deprecatedCount" : "count");
    JsonNode source = at(e, v1Events ? "deprecatedSource" : "source");
    String controller = text(e, v1Events ? "reportingController" : "reportingComponent");
    String message = text(e, v1Events ? "note" : "message");

    String first = firstTs.isEmpty() ? HumanDuration.since(text(e, "eventTime"), now) : HumanDuration.since(firstTs, now);
    String last = lastTs.isEmpty() ? first : HumanDuration.since(lastTs, now);
    if (at(e, "series").isObject()) {
      last = HumanDuration.since(text(e, "series", "lastObservedTime"), now);
      count = num(e, "series", "count");
    } else if (count == 0) {
      count = 1;
    }
    String kind = text(involved, "kind").toLowerCase(Locale.ROOT);
    String target = text(involved, "name").isEmpty() ? kind : kind + "/" + text(involved, "name");
    String component = firstNonEmpty(text(source, "component"), controller);
    String instance = firstNonEmpty(text(source, "host"), text(e, "reportingInstance"));
    String src = component.isEmpty() && instance.isEmpty() ? "" : instance.isEmpty() ? component : component + ", " + instance;
    return List.of(last, text(e, "type"), text(e, "reason"), target, text(involved, "fieldPath"), src,
        message.strip(), first, count, text(e, "metadata", "name"));
  }

  private static String firstNonEmpty(String a, String b) { return a.isEmpty() ? b : a; }
}
