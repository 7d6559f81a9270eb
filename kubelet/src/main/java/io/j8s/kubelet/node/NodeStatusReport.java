package io.j8s.kubelet.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a computed status is posted (upstream's tryUpdateNodeStatus with node leases): when it
 * differs from the one the API holds, lastHeartbeatTime aside, or when {@link #reportFrequency}
 * (5 minutes) passed since the last post. Pure.
 */
public record NodeStatusReport(Duration reportFrequency) {
  /** Upstream's nodeStatusReportFrequency. */
  public static final NodeStatusReport DEFAULT = new NodeStatusReport(Duration.ofMinutes(5));

  /** Why a status is posted, or that it is not. */
  public enum Decision { SKIP, CHANGED, PERIODIC, FIRST }

  public Decision decide(NodeStatus current, NodeStatus computed, Instant lastReport, Instant now) {
    if (lastReport == null) return Decision.FIRST;
    if (changed(current, computed)) return Decision.CHANGED;
    return Duration.between(lastReport, now).compareTo(reportFrequency) >= 0 ? Decision.PERIODIC : Decision.SKIP;
  }

  /** Whether two statuses differ in anything but the conditions' lastHeartbeatTime. */
  public static boolean changed(NodeStatus a, NodeStatus b) {
    return !Objects.equals(normalized(a), normalized(b));
  }

  private static JsonNode normalized(NodeStatus s) {
    if (s == null) return null;
    JsonNode tree = Serialization.jsonMapper().valueToTree(s);
    JsonNode conditions = tree.get("conditions");
    if (conditions != null) conditions.forEach(c -> ((ObjectNode) c).remove("lastHeartbeatTime"));
    return tree;
  }
}
