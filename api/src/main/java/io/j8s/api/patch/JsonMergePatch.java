package io.j8s.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** RFC 7386: objects merge recursively, null removes, everything else replaces. */
public final class JsonMergePatch {
  private JsonMergePatch() {}

  public static JsonNode apply(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) return patch.deepCopy();
    ObjectNode out = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : JsonNodeFactory.instance.objectNode();
    Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull()) out.remove(e.getKey());
      else out.set(e.getKey(), apply(out.get(e.getKey()), e.getValue()));
    }
    return out;
  }
}
