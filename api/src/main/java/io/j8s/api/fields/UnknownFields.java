package io.j8s.api.fields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.schema.FieldShape;
import io.j8s.api.schema.ModelShapes;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds and removes JSON fields the fabric8 model does not declare. Free-form values (maps such as
 * labels, annotations and data; untyped or property-less classes) accept anything. Values of the
 * wrong JSON type are not this class's concern: only object members are checked.
 */
public final class UnknownFields {
  private UnknownFields() {}

  /**
   * JSON paths of the fields {@code model} does not know, in document order, e.g.
   * {@code .spec.containers[0].imagePullPolice}.
   */
  public static List<String> find(JsonNode object, Class<?> model) {
    List<String> out = new ArrayList<>();
    walk(object, model, "", out, false);
    return out;
  }

  /** A copy of {@code object} without the fields the model does not know. */
  public static JsonNode prune(JsonNode object, Class<?> model) {
    JsonNode copy = object.deepCopy();
    walk(copy, model, "", new ArrayList<>(), true);
    return copy;
  }

  /** The message upstream uses for one unknown field: {@code unknown field "spec.foo"}. */
  public static String message(String path) {
    return "unknown field \"" + (path.startsWith(".") ? path.substring(1) : path) + "\"";
  }

  private static void walk(JsonNode node, Class<?> model, String path, List<String> out, boolean remove) {
    if (!(node instanceof ObjectNode obj) || freeForm(model)) return;
    Map<String, FieldShape> fields = ModelShapes.properties(model);
    Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String childPath = path + "." + e.getKey();
      FieldShape f = fields.get(e.getKey());
      if (f == null) {
        out.add(childPath);
        if (remove) it.remove();
        continue;
      }
      if (!f.hasModelElements()) continue;
      JsonNode v = e.getValue();
      switch (f.kind()) {
        case OBJECT -> walk(v, f.element(), childPath, out, remove);
        case LIST -> {
          if (v instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) walk(a.get(i), f.element(), childPath + "[" + i + "]", out, remove);
          }
        }
        case MAP -> {
          if (v instanceof ObjectNode m) {
            m.fields().forEachRemaining(me -> walk(me.getValue(), f.element(), childPath + "." + me.getKey(), out, remove));
          }
        }
        default -> { }
      }
    }
  }

  /** Classes whose instances hold arbitrary JSON: non-models, interfaces, property-less classes. */
  private static boolean freeForm(Class<?> c) {
    return !ModelShapes.isModel(c) || c.isInterface() || Modifier.isAbstract(c.getModifiers())
        || ModelShapes.properties(c).isEmpty();
  }
}
