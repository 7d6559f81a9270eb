package io.j8s.api.table;

import static io.j8s.api.table.Nodes.at;
import static io.j8s.api.table.Nodes.list;
import static io.j8s.api.table.Nodes.present;
import static io.j8s.api.table.Nodes.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The TARGETS cell of a HorizontalPodAutoscaler: "current/target" per metric, at most two then
 * "+ N more...", e.g. {@code cpu: 40%/80%, 30/50 (avg)}. Reads autoscaling/v2 objects, and v1
 * ones through their CPU utilization fields.
 */
final class HpaTargets {
  private HpaTargets() {}

  private static final int MAX = 2;

  static String format(JsonNode hpa) {
    if (present(hpa, "spec", "targetCPUUtilizationPercentage") || hpa.path("apiVersion").asText().equals("autoscaling/v1")) {
      return v1(hpa);
    }
    List<JsonNode> specs = list(hpa, "spec", "metrics");
    List<JsonNode> statuses = list(hpa, "status", "currentMetrics");
    if (specs.isEmpty()) return "<none>";
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      JsonNode spec = specs.get(i);
      JsonNode status = i < statuses.size() ? statuses.get(i) : null;
      parts.add(metric(spec, status));
    }
    return join(parts);
  }

  private static String v1(JsonNode hpa) {
    if (!present(hpa, "spec", "targetCPUUtilizationPercentage")) return "<none>";
    String current = present(hpa, "status", "currentCPUUtilizationPercentage")
        ? at(hpa, "status", "currentCPUUtilizationPercentage").asLong() + "%" : "<unknown>";
    return "cpu: " + current + "/" + at(hpa, "spec", "targetCPUUtilizationPercentage").asLong() + "%";
  }

  private static String metric(JsonNode spec, JsonNode status) {
    String type = text(spec, "type");
    return switch (type) {
      case "External", "Object" -> {
        String key = type.equals("External") ? "external" : "object";
        JsonNode target = at(spec, key, "target");
        JsonNode current = status == null ? null : at(status, key, "current");
        boolean hasStatus = status != null && status.path(key).isObject();
        if (present(target, "averageValue")) {
          String cur = hasStatus && present(current, "averageValue") ? text(current, "averageValue") : "<unknown>";
          yield cur + "/" + text(target, "averageValue") + " (avg)";
        }
        String cur = hasStatus ? text(current, "value") : "<unknown>";
        yield cur + "/" + text(target, "value");
      }
      case "Pods" -> {
        String cur = status != null && status.path("pods").isObject() ? text(status, "pods", "current", "averageValue") : "<unknown>";
        yield cur + "/" + text(spec, "pods", "target", "averageValue");
      }
      case "Resource", "ContainerResource" -> {
        String key = type.equals("Resource") ? "resource" : "containerResource";
        JsonNode target = at(spec, key, "target");
        boolean hasStatus = status != null && status.path(key).isObject();
        JsonNode current = hasStatus ? at(status, key, "current") : null;
        String name = text(spec, key, "name");
        if (present(target, "averageValue")) {
          String cur = hasStatus ? text(current, "averageValue") : "<unknown>";
          yield name + ": " + cur + "/" + text(target, "averageValue");
        }
        String cur = hasStatus && present(current, "averageUtilization") ? at(current, "averageUtilization").asLong() + "%" : "<unknown>";
        String tgt = present(target, "averageUtilization") ? at(target, "averageUtilization").asLong() + "%" : "<auto>";
        yield name + ": " + cur + "/" + tgt;
      }
      default -> "<unknown type>";
    };
  }

  private static String join(List<String> parts) {
    if (parts.size() <= MAX) return String.join(", ", parts);
    return String.join(", ", parts.subList(0, MAX)) + " + " + (parts.size() - MAX) + " more...";
  }
}
