package io.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * What the API server itself does to particular kinds on write, as upstream's registry
 * strategies do: fold Secret stringData into data, start Pods Pending with their QoS class,
 * start Namespaces Active.
 */
final class KindRules {
  private KindRules() {}

  /** Before defaulting and validation of a new object. */
  static void beforeCreate(ResourceType t, ObjectNode obj) {
    switch (t.kind()) {
      case "Secret" -> foldStringData(obj);
      case "Pod" -> {
        ObjectNode status = obj.putObject("status");
        status.put("phase", "Pending");
        status.put("qosClass", qosClass(obj.path("spec")));
      }
      case "Namespace" -> {
        obj.putObject("status").put("phase", "Active");
        ObjectNode spec = obj.has("spec") && obj.get("spec").isObject() ? (ObjectNode) obj.get("spec") : obj.putObject("spec");
        ObjectMeta.addToSet(spec, "finalizers", "kubernetes");
      }
      default -> { }
    }
  }

  /** Before defaulting and validation of a changed object. */
  static void beforeUpdate(ResourceType t, ObjectNode obj) {
    if (t.kind().equals("Secret")) foldStringData(obj);
  }

  private static void foldStringData(ObjectNode secret) {
    JsonNode sd = secret.remove("stringData");
    if (sd == null || !sd.isObject()) return;
    ObjectNode data = secret.has("data") && secret.get("data").isObject() ? (ObjectNode) secret.get("data") : secret.putObject("data");
    Iterator<Map.Entry<String, JsonNode>> it = sd.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      data.put(e.getKey(), Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** Guaranteed when every container sets cpu and memory limits equal to requests; BestEffort when none sets any. */
  static String qosClass(JsonNode spec) {
    boolean any = false;
    boolean guaranteed = true;
    for (String list : new String[] {"initContainers", "containers"}) {
      for (JsonNode c : spec.path(list)) {
        JsonNode req = c.path("resources").path("requests");
        JsonNode lim = c.path("resources").path("limits");
        if (!req.isEmpty() || !lim.isEmpty()) any = true;
        for (String r : new String[] {"cpu", "memory"}) {
          JsonNode l = lim.get(r);
          JsonNode q = req.get(r);
          if (l == null || (q != null && !q.asText().equals(l.asText()))) guaranteed = false;
        }
      }
    }
    if (!any) return "BestEffort";
    return guaranteed ? "Guaranteed" : "Burstable";
  }
}
