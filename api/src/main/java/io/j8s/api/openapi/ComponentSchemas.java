package io.j8s.api.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.j8s.api.schema.FieldShape;
import io.j8s.api.schema.ListStrategy;
import io.j8s.api.schema.ModelShapes;
import io.j8s.api.schema.PatchStrategies;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds {@code components.schemas} of one document: the schema of each model class added, and of
 * every class those reference, transitively; plus the scalar types upstream names (Quantity,
 * IntOrString, Time, MicroTime) when referenced.
 */
final class ComponentSchemas {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** String-typed fields that hold an RFC 3339 time (fabric8 keeps them as plain strings). */
  private static final Set<String> TIME_FIELDS = Set.of(
      "creationTimestamp", "deletionTimestamp", "lastTransitionTime", "lastProbeTime", "lastHeartbeatTime",
      "startedAt", "finishedAt", "startTime", "firstTimestamp", "lastTimestamp", "lastUpdateTime",
      "lastScaleTime", "expirationTimestamp", "lastScheduleTime", "completionTime", "lastSuccessfulTime",
      "deprecatedFirstTimestamp", "deprecatedLastTimestamp");

  private final Map<Class<?>, List<Gvk>> gvks;
  private final Map<String, ObjectNode> schemas = new TreeMap<>();
  private final Map<String, Class<?>> classByName = new HashMap<>();
  private final Deque<Class<?>> pending = new ArrayDeque<>();

  /** @param gvks the group-version-kinds each model class is served as (for the GVK extension) */
  ComponentSchemas(Map<Class<?>, List<Gvk>> gvks) { this.gvks = gvks; }

  /** Adds the schema of {@code model} and everything it references; returns its schema name. */
  String add(Class<?> model) {
    String name = reference(model);
    drain();
    return name;
  }

  /** Adds the list kind of a served kind ({@code PodList}: metadata ListMeta, items of the kind). */
  void addList(Class<?> model, Gvk listGvk) {
    String item = add(model);
    String listMeta = add(ListMeta.class);
    ObjectNode s = F.objectNode();
    s.put("description", listGvk.kind() + " is a list of " + listGvk.kind().replaceFirst("List$", "") + " objects.");
    s.put("type", "object");
    ObjectNode props = s.putObject("properties");
    props.set("apiVersion", stringSchema(Descriptions.property("apiVersion")));
    ObjectNode items = props.putObject("items");
    items.put("description", "The objects of the list.");
    items.put("type", "array");
    items.putObject("items").put("$ref", SchemaNames.ref(item));
    props.set("kind", stringSchema(Descriptions.property("kind")));
    props.set("metadata", refProperty(listMeta, "Standard list metadata."));
    s.putArray("required").add("items");
    s.putArray("x-kubernetes-group-version-kind").add(listGvk.toNode());
    schemas.put(SchemaNames.listOf(model), s);
  }

  /** Adds a schema by name (used for the meta/v1 Patch body). */
  void addRaw(String name, ObjectNode schema) { schemas.put(name, schema); }

  /** All schemas added, sorted by name. */
  ObjectNode build() {
    ObjectNode out = F.objectNode();
    schemas.forEach(out::set);
    return out;
  }

  private void drain() {
    while (!pending.isEmpty()) {
      Class<?> c = pending.poll();
      schemas.put(SchemaNames.of(c), objectSchema(c));
    }
  }

  /** The schema name of a class, queuing its schema if not built yet. */
  private String reference(Class<?> c) {
    String name = SchemaNames.of(c);
    Class<?> known = classByName.putIfAbsent(name, c);
    if (known != null && known != c) {
      throw new IllegalStateException("schema name " + name + " would describe both " + known.getName()
          + " and " + c.getName() + "; add a distinct mapping to SchemaNames");
    }
    if (known == null) {
      schemas.put(name, F.objectNode()); // placeholder: breaks reference cycles
      pending.add(c);
    }
    return name;
  }

  private ObjectNode objectSchema(Class<?> c) {
    ObjectNode s = F.objectNode();
    String d = Descriptions.kind(c.getSimpleName());
    if (d != null) s.put("description", d);
    s.put("type", "object");
    Map<String, FieldShape> fields = freeForm(c) ? Map.of() : ModelShapes.properties(c);
    if (!fields.isEmpty()) {
      ObjectNode props = s.putObject("properties");
      for (FieldShape f : fields.values()) props.set(f.name(), property(c, f));
    }
    List<Gvk> kinds = gvks.get(c);
    if (kinds != null) {
      ArrayNode ext = s.putArray("x-kubernetes-group-version-kind");
      kinds.forEach(k -> ext.add(k.toNode()));
    }
    return s;
  }

  /** Interfaces, abstract classes and property-less classes (FieldsV1) hold arbitrary JSON. */
  static boolean freeForm(Class<?> c) {
    return c.isInterface() || Modifier.isAbstract(c.getModifiers()) || ModelShapes.properties(c).isEmpty();
  }

  private ObjectNode property(Class<?> owner, FieldShape f) {
    String desc = gvks.containsKey(owner) ? Descriptions.property(f.name()) : null; // shared fields of kinds only
    ObjectNode p = switch (f.kind()) {
      case LIST -> listProperty(owner, f);
      case MAP -> {
        ObjectNode m = F.objectNode();
        m.put("type", "object");
        m.set("additionalProperties", valueSchema(f.element(), f.elementKind()));
        yield m;
      }
      case OBJECT, QUANTITY, INT_OR_STRING -> {
        String scalar = scalarRef(owner, f);
        ObjectNode r = refProperty(scalar != null ? scalar : reference(f.element()), null);
        if (PatchStrategies.retainKeys(owner, f.name())) r.put("x-kubernetes-patch-strategy", "retainKeys");
        yield r;
      }
      default -> {
        String scalar = scalarRef(owner, f);
        yield scalar != null ? refProperty(scalar, null) : valueSchema(f.element(), f.kind());
      }
    };
    if (desc != null) {
      ObjectNode withDesc = F.objectNode();
      withDesc.put("description", desc);
      withDesc.setAll(p);
      return withDesc;
    }
    return p;
  }

  private ObjectNode listProperty(Class<?> owner, FieldShape f) {
    ObjectNode l = F.objectNode();
    l.put("type", "array");
    l.set("items", valueSchema(f.element(), f.elementKind()));
    switch (PatchStrategies.forList(owner, f.name())) {
      case ListStrategy.MergeByKey k -> {
        l.putArray("x-kubernetes-list-map-keys").add(k.key());
        l.put("x-kubernetes-list-type", "map");
        l.put("x-kubernetes-patch-merge-key", k.key());
        l.put("x-kubernetes-patch-strategy", k.retainKeys() ? "merge,retainKeys" : "merge");
      }
      case ListStrategy.MergeSet s -> {
        l.put("x-kubernetes-list-type", "set");
        l.put("x-kubernetes-patch-strategy", "merge");
      }
      case ListStrategy.Replace r -> { }
    }
    return l;
  }

  /** Upstream's named scalar a field refers to (Time, MicroTime, Quantity, IntOrString), or null. */
  private String scalarRef(Class<?> owner, FieldShape f) {
    Class<?> e = f.element();
    if (f.kind() == FieldShape.Kind.QUANTITY) return addScalar(SchemaNames.QUANTITY);
    if (f.kind() == FieldShape.Kind.INT_OR_STRING) return addScalar(SchemaNames.INT_OR_STRING);
    if (e == MicroTime.class || e == ZonedDateTime.class || e == Instant.class) return addScalar(SchemaNames.MICRO_TIME);
    if (e == OffsetDateTime.class) return addScalar(SchemaNames.TIME);
    if (e == String.class && (TIME_FIELDS.contains(f.name())
        || (owner == ManagedFieldsEntry.class && f.name().equals("time")))) {
      return addScalar(SchemaNames.TIME);
    }
    return null;
  }

  /** The schema of a list element or map value. */
  private ObjectNode valueSchema(Class<?> c, FieldShape.Kind kind) {
    if (kind == null) kind = FieldShape.Kind.ANY;
    switch (kind) {
      case QUANTITY: return ref(addScalar(SchemaNames.QUANTITY));
      case INT_OR_STRING: return ref(addScalar(SchemaNames.INT_OR_STRING));
      case OBJECT:
        if (c == MicroTime.class) return ref(addScalar(SchemaNames.MICRO_TIME));
        return ref(reference(c));
      case STRING: return stringSchema(null);
      case INTEGER: {
        ObjectNode n = F.objectNode();
        n.put("type", "integer");
        n.put("format", c == Long.class || c == long.class ? "int64" : "int32");
        return n;
      }
      case NUMBER: {
        ObjectNode n = F.objectNode();
        n.put("type", "number");
        n.put("format", "double");
        return n;
      }
      case BOOLEAN: {
        ObjectNode n = F.objectNode();
        n.put("type", "boolean");
        return n;
      }
      default: {
        if (c == ZonedDateTime.class || c == Instant.class) return ref(addScalar(SchemaNames.MICRO_TIME));
        ObjectNode n = F.objectNode();
        n.put("x-kubernetes-preserve-unknown-fields", true);
        return n;
      }
    }
  }

  private String addScalar(String name) {
    if (schemas.containsKey(name)) return name;
    ObjectNode s = F.objectNode();
    switch (name) {
      case SchemaNames.QUANTITY -> {
        s.put("description", "A fixed-point number with an optional SI or binary suffix, e.g. 100m, 1.5, 128Mi.");
        ArrayNode one = s.putArray("oneOf");
        one.addObject().put("type", "string");
        one.addObject().put("type", "number");
      }
      case SchemaNames.INT_OR_STRING -> {
        s.put("description", "An integer or a string (such as a port number or a named port).");
        s.put("format", "int-or-string");
        ArrayNode one = s.putArray("oneOf");
        one.addObject().put("type", "integer");
        one.addObject().put("type", "string");
        s.put("x-kubernetes-int-or-string", true);
      }
      case SchemaNames.TIME -> {
        s.put("description", "A time in RFC 3339 form, to the second.");
        s.put("type", "string");
        s.put("format", "date-time");
      }
      case SchemaNames.MICRO_TIME -> {
        s.put("description", "A time in RFC 3339 form, to the microsecond.");
        s.put("type", "string");
        s.put("format", "date-time");
      }
      default -> throw new IllegalArgumentException("not a scalar schema: " + name);
    }
    schemas.put(name, s);
    return name;
  }

  private static ObjectNode ref(String name) {
    ObjectNode n = F.objectNode();
    n.put("$ref", SchemaNames.ref(name));
    return n;
  }

  /** A property referring to a named schema; wrapped in allOf so siblings (description) stay valid. */
  private static ObjectNode refProperty(String name, String description) {
    ObjectNode n = F.objectNode();
    if (description != null) n.put("description", description);
    n.putArray("allOf").add(ref(name));
    return n;
  }

  private static ObjectNode stringSchema(String description) {
    ObjectNode n = F.objectNode();
    if (description != null) n.put("description", description);
    n.put("type", "string");
    return n;
  }
}
