package io.j8s.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.schema.FieldShape;
import io.j8s.api.schema.ListStrategy;
import io.j8s.api.schema.ModelShapes;
import io.j8s.api.schema.PatchStrategies;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes strategic merge patch. The model class says, at every level, which lists merge by
 * key; where the model is unknown (free-form maps) it behaves as a JSON merge patch.
 */
public final class StrategicMergePatch {
  static final String PATCH = "$patch";
  static final String RETAIN = "$retainKeys";
  static final String ORDER = "$setElementOrder/";
  static final String DELETE_FROM = "$deleteFromPrimitiveList/";

  private StrategicMergePatch() {}

  public static JsonNode apply(JsonNode original, JsonNode patch, Class<?> model) throws PatchException {
    if (!patch.isObject()) throw new PatchException("a strategic merge patch must be an object");
    ObjectNode orig = original != null && original.isObject() ? (ObjectNode) original : JsonNodeFactory.instance.objectNode();
    ObjectNode out = mergeObject(orig, (ObjectNode) patch, model, "");
    return out == null ? JsonNodeFactory.instance.objectNode() : out;
  }

  /** Merged object, or null when the patch says {@code $patch: delete}. */
  private static ObjectNode mergeObject(ObjectNode orig, ObjectNode patch, Class<?> model, String path) throws PatchException {
    String directive = patch.path(PATCH).asText("merge");
    switch (directive) {
      case "delete" -> { return null; }
      case "replace" -> { return strip(patch); }
      case "merge" -> { }
      default -> throw new PatchException("unknown $patch directive \"" + directive + "\" at " + where(path));
    }
    ObjectNode out = orig == null ? JsonNodeFactory.instance.objectNode() : orig.deepCopy();
    Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      if (k.startsWith("$")) continue;
      JsonNode v = e.getValue();
      String p = path + "." + k;
      if (v.isNull()) {
        out.remove(k);
        continue;
      }
      FieldShape shape = model == null ? null : ModelShapes.property(model, k);
      if (v.isObject()) {
        Class<?> child = shape == null ? null
            : shape.kind() == FieldShape.Kind.OBJECT ? shape.element()
            : shape.kind() == FieldShape.Kind.MAP ? null : null;
        JsonNode cur = out.get(k);
        if (shape != null && shape.kind() == FieldShape.Kind.MAP && ModelShapes.isModel(shape.element())) {
          ObjectNode merged = mergeMapOfModels(cur instanceof ObjectNode o ? o : null, (ObjectNode) v, shape.element(), p);
          out.set(k, merged);
          continue;
        }
        ObjectNode merged = mergeObject(cur instanceof ObjectNode o ? o : null, (ObjectNode) v, child, p);
        if (merged == null) out.remove(k); else out.set(k, merged);
      } else if (v.isArray()) {
        JsonNode cur = out.get(k);
        ListStrategy strategy = model == null ? ListStrategy.REPLACE : PatchStrategies.forList(model, k);
        Class<?> element = shape != null && shape.kind() == FieldShape.Kind.LIST ? shape.element() : null;
        out.set(k, mergeList(cur instanceof ArrayNode a ? a : null, (ArrayNode) v, strategy, element, p));
      } else {
        out.set(k, v.deepCopy());
      }
    }
    applyListDirectives(out, patch, model, path);
    JsonNode retain = patch.get(RETAIN);
    if (retain != null) {
      if (!retain.isArray()) throw new PatchException("$retainKeys must be a list at " + where(path));
      Set<String> keep = new HashSet<>();
      retain.forEach(n -> keep.add(n.asText()));
      List<String> drop = new ArrayList<>();
      out.fieldNames().forEachRemaining(f -> {
        if (!keep.contains(f)) drop.add(f);
      });
      drop.forEach(out::remove);
    }
    return out;
  }

  private static ObjectNode mergeMapOfModels(ObjectNode orig, ObjectNode patch, Class<?> element, String path) throws PatchException {
    ObjectNode out = orig == null ? JsonNodeFactory.instance.objectNode() : orig.deepCopy();
    Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull()) {
        out.remove(e.getKey());
      } else if (e.getValue().isObject()) {
        JsonNode cur = out.get(e.getKey());
        ObjectNode merged = mergeObject(cur instanceof ObjectNode o ? o : null, (ObjectNode) e.getValue(), element, path + "." + e.getKey());
        if (merged == null) out.remove(e.getKey()); else out.set(e.getKey(), merged);
      } else {
        out.set(e.getKey(), e.getValue().deepCopy());
      }
    }
    return out;
  }

  private static ArrayNode mergeList(ArrayNode orig, ArrayNode patch, ListStrategy strategy, Class<?> element, String path)
      throws PatchException {
    for (JsonNode item : patch) {
      if (item.isObject() && "replace".equals(item.path(PATCH).asText())) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode i : patch) if (!(i.isObject() && i.has(PATCH) && i.size() == 1)) out.add(stripAny(i));
        return out;
      }
    }
    return switch (strategy) {
      case ListStrategy.Replace r -> {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode i : patch) out.add(stripAny(i));
        yield out;
      }
      case ListStrategy.MergeSet s -> {
        ArrayNode out = orig == null ? JsonNodeFactory.instance.arrayNode() : orig.deepCopy();
        for (JsonNode i : patch) if (!contains(out, i)) out.add(i.deepCopy());
        yield out;
      }
      case ListStrategy.MergeByKey m -> mergeByKey(orig, patch, m.key(), element, path);
    };
  }

  private static ArrayNode mergeByKey(ArrayNode orig, ArrayNode patch, String key, Class<?> element, String path) throws PatchException {
    ArrayNode out = orig == null ? JsonNodeFactory.instance.arrayNode() : orig.deepCopy();
    for (JsonNode item : patch) {
      if (!item.isObject()) throw new PatchException("expected objects merged by \"" + key + "\" in the list at " + where(path));
      JsonNode kv = item.get(key);
      if (kv == null) throw new PatchException("an element of the list at " + where(path) + " lacks its merge key \"" + key + "\"");
      int idx = indexOf(out, key, kv);
      if ("delete".equals(item.path(PATCH).asText())) {
        while (idx >= 0) {
          out.remove(idx);
          idx = indexOf(out, key, kv);
        }
        continue;
      }
      if (idx >= 0) {
        ObjectNode merged = mergeObject((ObjectNode) out.get(idx), (ObjectNode) item, element, path + "[" + key + "=" + kv.asText() + "]");
        if (merged == null) out.remove(idx); else out.set(idx, merged);
      } else {
        ObjectNode added = mergeObject(null, (ObjectNode) item, element, path);
        if (added != null) out.add(added);
      }
    }
    return out;
  }

  /** $setElementOrder/f and $deleteFromPrimitiveList/f at this level. */
  private static void applyListDirectives(ObjectNode out, ObjectNode patch, Class<?> model, String path) throws PatchException {
    Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      if (k.startsWith(DELETE_FROM)) {
        String f = k.substring(DELETE_FROM.length());
        if (out.get(f) instanceof ArrayNode a) {
          ArrayNode kept = JsonNodeFactory.instance.arrayNode();
          for (JsonNode i : a) if (!contains((ArrayNode) e.getValue(), i)) kept.add(i);
          out.set(f, kept);
        }
      } else if (k.startsWith(ORDER)) {
        String f = k.substring(ORDER.length());
        if (!(out.get(f) instanceof ArrayNode a) || !e.getValue().isArray()) continue;
        ListStrategy s = model == null ? ListStrategy.REPLACE : PatchStrategies.forList(model, f);
        String key = s instanceof ListStrategy.MergeByKey m ? m.key() : null;
        out.set(f, reorder(a, (ArrayNode) e.getValue(), key));
      }
    }
  }

  private static ArrayNode reorder(ArrayNode list, ArrayNode order, String key) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    List<JsonNode> rest = new ArrayList<>();
    list.forEach(rest::add);
    for (JsonNode o : order) {
      JsonNode want = key == null ? o : o.get(key);
      for (Iterator<JsonNode> i = rest.iterator(); i.hasNext(); ) {
        JsonNode n = i.next();
        if (want != null && (key == null ? n.equals(want) : want.equals(n.get(key)))) {
          out.add(n);
          i.remove();
        }
      }
    }
    rest.forEach(out::add);
    return out;
  }

  private static int indexOf(ArrayNode a, String key, JsonNode value) {
    for (int i = 0; i < a.size(); i++) if (value.equals(a.get(i).get(key))) return i;
    return -1;
  }

  private static boolean contains(ArrayNode a, JsonNode v) {
    for (JsonNode n : a) if (n.equals(v)) return true;
    return false;
  }

  private static ObjectNode strip(ObjectNode o) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    o.fields().forEachRemaining(e -> {
      if (!e.getKey().startsWith("$")) out.set(e.getKey(), stripAny(e.getValue()));
    });
    return out;
  }

  private static JsonNode stripAny(JsonNode n) {
    if (n.isObject()) return strip((ObjectNode) n);
    if (n.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      n.forEach(i -> out.add(stripAny(i)));
      return out;
    }
    return n.deepCopy();
  }

  private static String where(String path) { return path.isEmpty() ? "the top level" : path.substring(1); }
}
