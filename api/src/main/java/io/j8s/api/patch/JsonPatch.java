package io.j8s.api.patch;

import com.fasterxml.jackson.databind.JsonNode;

/** RFC 6902 operations (add, remove, replace, move, copy, test), all or nothing. */
public final class JsonPatch {
  private JsonPatch() {}

  public static JsonNode apply(JsonNode target, JsonNode patch) throws PatchException {
    if (!patch.isArray()) throw new PatchException("a JSON patch must be an array of operations");
    try {
      return io.fabric8.zjsonpatch.JsonPatch.apply(patch, target);
    } catch (RuntimeException e) {
      throw new PatchException("the JSON patch could not be applied: " + e.getMessage(), e);
    }
  }
}
