package io.j8s.api.patch;

import com.fasterxml.jackson.databind.JsonNode;

/** RFC 6902 operations (add, remove, replace, move, copy, test), all or nothing. */
public final class JsonPatch {
  private JsonPatch() {}

  public static JsonNode apply(JsonNode target, JsonNode patch) throws PatchException {
    if (!patch.isArray()) throw new PatchException("a JSON patch must be an array of operations");
    try {
      // RFC 6902 4.2: removing a member that is not there is an error, as upstream has it
      return io.fabric8.zjsonpatch.JsonPatch.apply(patch, target,
          java.util.EnumSet.of(io.fabric8.zjsonpatch.CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT));
    } catch (RuntimeException e) {
      throw new PatchException("the JSON patch could not be applied: " + e.getMessage(), e);
    }
  }
}
