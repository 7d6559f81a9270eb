package io.j8s.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Turns objects of one resource into a {@code meta.k8s.io/v1 Table}, what kubectl asks for with
 * {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}. Rows hold every column, wide ones
 * too (kubectl hides priority-1 columns unless {@code -o wide}).
 */
public final class TableConverter {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private TableConverter() {}

  /** Tables by "group/Kind"; kinds not listed get NAME and AGE. */
  private static final Map<String, KindTable> TABLES = Map.ofEntries(
      Map.entry("/Pod", PodRows.TABLE),
      Map.entry("/Namespace", ClusterRows.NAMESPACE),
      Map.entry("/Node", ClusterRows.NODE),
      Map.entry("/Event", ClusterRows.EVENT),
      Map.entry("events.k8s.io/Event", ClusterRows.EVENT),
      Map.entry("coordination.k8s.io/Lease", ClusterRows.LEASE),
      Map.entry("/Service", NetworkRows.SERVICE),
      Map.entry("/Endpoints", NetworkRows.ENDPOINTS),
      Map.entry("discovery.k8s.io/EndpointSlice", NetworkRows.ENDPOINT_SLICE),
      Map.entry("networking.k8s.io/Ingress", NetworkRows.INGRESS),
      Map.entry("networking.k8s.io/IngressClass", NetworkRows.INGRESS_CLASS),
      Map.entry("networking.k8s.io/NetworkPolicy", NetworkRows.NETWORK_POLICY),
      Map.entry("apps/Deployment", WorkloadRows.DEPLOYMENT),
      Map.entry("apps/ReplicaSet", WorkloadRows.REPLICA_SET),
      Map.entry("apps/DaemonSet", WorkloadRows.DAEMON_SET),
      Map.entry("apps/ControllerRevision", WorkloadRows.CONTROLLER_REVISION),
      Map.entry("autoscaling/HorizontalPodAutoscaler", WorkloadRows.HPA),
      Map.entry("/ConfigMap", ConfigRows.CONFIG_MAP),
      Map.entry("/Secret", ConfigRows.SECRET),
      Map.entry("/ServiceAccount", ConfigRows.SERVICE_ACCOUNT),
      Map.entry("/ResourceQuota", ConfigRows.RESOURCE_QUOTA),
      Map.entry("/LimitRange", ConfigRows.CREATED_AT),
      Map.entry("/PersistentVolumeClaim", ConfigRows.PVC),
      Map.entry("rbac.authorization.k8s.io/Role", ConfigRows.CREATED_AT),
      Map.entry("rbac.authorization.k8s.io/ClusterRole", ConfigRows.CREATED_AT),
      Map.entry("rbac.authorization.k8s.io/RoleBinding", ConfigRows.BINDING),
      Map.entry("rbac.authorization.k8s.io/ClusterRoleBinding", ConfigRows.BINDING));

  /**
   * @param includeObject   "None", "Metadata" (kubectl's default; also for null or "") or "Object"
   * @param listResourceVersion the list's (or single object's) resourceVersion; null to omit
   * @param continueToken   the next page's token; null or "" to omit
   * @throws IllegalArgumentException for any other includeObject value
   */
  public static ObjectNode toTable(ResourceType type, List<JsonNode> objects, String includeObject, Instant now,
      String listResourceVersion, String continueToken) {
    Include include = Include.of(includeObject);
    KindTable table = TABLES.getOrDefault(type.group() + "/" + type.kind(), ConfigRows.DEFAULT);

    ObjectNode out = F.objectNode();
    out.put("kind", "Table");
    out.put("apiVersion", "meta.k8s.io/v1");
    ObjectNode meta = out.putObject("metadata");
    if (listResourceVersion != null && !listResourceVersion.isEmpty()) meta.put("resourceVersion", listResourceVersion);
    if (continueToken != null && !continueToken.isEmpty()) meta.put("continue", continueToken);

    ArrayNode columns = out.putArray("columnDefinitions");
    for (Column c : table.columns()) {
      columns.addObject().put("name", c.name()).put("type", c.type()).put("format", c.format())
          .put("description", c.description()).put("priority", c.priority());
    }
    ArrayNode rows = out.putArray("rows");
    for (JsonNode o : objects) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      for (Object cell : table.cells().of(o, now)) {
        switch (cell) {
          case Long l -> cells.add(l);
          case Integer i -> cells.add(i);
          case Boolean b -> cells.add(b);
          default -> cells.add(String.valueOf(cell));
        }
      }
      if (table == PodRows.TABLE) {
        ArrayNode conditions = PodRows.conditions(o);
        if (conditions != null) row.set("conditions", conditions);
      }
      switch (include) {
        case OBJECT -> row.set("object", o);
        case METADATA -> {
          ObjectNode partial = row.putObject("object");
          partial.put("kind", "PartialObjectMetadata");
          partial.put("apiVersion", "meta.k8s.io/v1");
          partial.set("metadata", o.path("metadata").isObject() ? o.get("metadata") : F.objectNode());
        }
        case NONE -> { }
      }
    }
    return out;
  }

  private enum Include {
    NONE, METADATA, OBJECT;

    static Include of(String value) {
      if (value == null || value.isEmpty() || value.equals("Metadata")) return METADATA;
      if (value.equals("None")) return NONE;
      if (value.equals("Object")) return OBJECT;
      throw new IllegalArgumentException("includeObject must be None, Metadata or Object, not \"" + value + "\"");
    }
  }
}
