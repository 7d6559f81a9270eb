package io.j8s.api.table;

import static io.j8s.api.table.Nodes.at;
import static io.j8s.api.table.Nodes.list;
import static io.j8s.api.table.Nodes.present;
import static io.j8s.api.table.Nodes.size;
import static io.j8s.api.table.Nodes.text;
import static io.j8s.api.table.WorkloadRows.age;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Tables of configuration and policy kinds: ConfigMap, Secret, ServiceAccount, ResourceQuota,
 * LimitRange, PersistentVolumeClaim, RBAC roles and bindings; and the default for other kinds.
 */
final class ConfigRows {
  private ConfigRows() {}

  static final KindTable CONFIG_MAP = new KindTable(List.of(
      Column.NAME, Column.integer("Data", "Number of keys in data and binaryData."), Column.AGE),
      (c, now) -> List.of(text(c, "metadata", "name"), (long) (size(c, "data") + size(c, "binaryData")), age(c, now)));

  static final KindTable SECRET = new KindTable(List.of(
      Column.NAME, Column.str("Type", "The type of the secret."),
      Column.integer("Data", "Number of keys in the secret."), Column.AGE),
      (s, now) -> List.of(text(s, "metadata", "name"), text(s, "type"), (long) size(s, "data"), age(s, now)));

  static final KindTable SERVICE_ACCOUNT = new KindTable(List.of(
      Column.NAME, Column.integer("Secrets", "Number of secrets listed by the service account."), Column.AGE),
      (s, now) -> List.of(text(s, "metadata", "name"), (long) size(s, "secrets"), age(s, now)));

  static final KindTable RESOURCE_QUOTA = new KindTable(List.of(
      Column.NAME, Column.AGE,
      Column.str("Request", "Used and hard request quotas, per resource."),
      Column.str("Limit", "Used and hard limit quotas, per resource.")),
      ConfigRows::quotaCells);

  static final KindTable CREATED_AT = new KindTable(List.of(Column.NAME, Column.CREATED_AT),
      (o, now) -> List.of(text(o, "metadata", "name"), createdAt(o)));

  static final KindTable PVC = new KindTable(List.of(
      Column.NAME,
      Column.str("Status", "The phase of the claim."),
      Column.str("Volume", "The volume bound to the claim."),
      Column.str("Capacity", "The capacity of the bound volume."),
      Column.str("Access Modes", "How the volume may be mounted."),
      Column.str("StorageClass", "The storage class of the claim."),
      Column.str("VolumeAttributesClass", "The volume attributes class of the claim."),
      Column.AGE,
      Column.wide("VolumeMode", "Filesystem or Block.")),
      ConfigRows::pvcCells);

  private static final Column ROLE = Column.str("Role", "The role granted, as kind/name.");
  private static final List<Column> BINDING_COLUMNS = List.of(Column.NAME, ROLE, Column.AGE,
      Column.wide("Users", "The users the role is granted to."),
      Column.wide("Groups", "The groups the role is granted to."),
      Column.wide("ServiceAccounts", "The service accounts the role is granted to."));

  static final KindTable BINDING = new KindTable(BINDING_COLUMNS, ConfigRows::bindingCells);

  static final KindTable DEFAULT = new KindTable(List.of(Column.NAME, Column.AGE),
      (o, now) -> List.of(text(o, "metadata", "name"), age(o, now)));

  private static String createdAt(JsonNode o) {
    Instant t = HumanDuration.parse(text(o, "metadata", "creationTimestamp"));
    return t == null ? "" : DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
  }

  private static List<Object> quotaCells(JsonNode q, Instant now) {
    TreeMap<String, String> hard = new TreeMap<>();
    at(q, "status", "hard").fields().forEachRemaining(e -> hard.put(e.getKey(), e.getValue().asText()));
    List<String> requests = new ArrayList<>();
    List<String> limits = new ArrayList<>();
    for (Map.Entry<String, String> e : hard.entrySet()) {
      JsonNode used = at(q, "status", "used", e.getKey());
      String cell = e.getKey() + ": " + (used.isValueNode() && !used.isNull() ? used.asText() : "0") + "/" + e.getValue();
      (e.getKey().startsWith("limits.") ? limits : requests).add(cell);
    }
    return List.of(text(q, "metadata", "name"), age(q, now), String.join(", ", requests), String.join(", ", limits));
  }

  private static List<Object> pvcCells(JsonNode c, Instant now) {
    String phase = present(c, "metadata", "deletionTimestamp") ? "Terminating" : text(c, "status", "phase");
    String capacity = "";
    String modes = "";
    if (!text(c, "spec", "volumeName").isEmpty()) {
      capacity = text(c, "status", "capacity", "storage");
      modes = accessModes(c);
    }
    String storageClass = text(c, "metadata", "annotations", "volume.beta.kubernetes.io/storage-class");
    if (storageClass.isEmpty()) storageClass = text(c, "spec", "storageClassName");
    String vac = text(c, "spec", "volumeAttributesClassName");
    String mode = text(c, "spec", "volumeMode");
    return List.of(text(c, "metadata", "name"), phase, text(c, "spec", "volumeName"), capacity, modes, storageClass,
        vac.isEmpty() ? "<unset>" : vac, age(c, now), mode.isEmpty() ? "<unset>" : mode);
  }

  private static String accessModes(JsonNode c) {
    Set<String> present = new LinkedHashSet<>();
    list(c, "status", "accessModes").forEach(m -> present.add(m.asText()));
    List<String> out = new ArrayList<>();
    if (present.contains("ReadWriteOnce")) out.add("RWO");
    if (present.contains("ReadOnlyMany")) out.add("ROX");
    if (present.contains("ReadWriteMany")) out.add("RWX");
    if (present.contains("ReadWriteOncePod")) out.add("RWOP");
    return String.join(",", out);
  }

  private static List<Object> bindingCells(JsonNode b, Instant now) {
    List<String> users = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    List<String> sas = new ArrayList<>();
    for (JsonNode s : list(b, "subjects")) {
      String name = text(s, "name");
      switch (text(s, "kind")) {
        case "User" -> users.add(name);
        case "Group" -> groups.add(name);
        case "ServiceAccount" -> sas.add(text(s, "namespace").isEmpty() ? name : text(s, "namespace") + "/" + name);
        default -> { }
      }
    }
    return List.of(text(b, "metadata", "name"), text(b, "roleRef", "kind") + "/" + text(b, "roleRef", "name"), age(b, now),
        String.join(", ", users), String.join(", ", groups), String.join(", ", sas));
  }
}
