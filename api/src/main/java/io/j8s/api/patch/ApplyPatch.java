package io.j8s.api.patch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Server-side apply at its minimum: create when absent, else merge the applied configuration
 * into the live object with strategic-merge semantics (keyed lists merge by key). Fields the
 * applier stopped setting are not removed: there are no managedFields yet.
 */
public final class ApplyPatch {
  private ApplyPatch() {}

  public static JsonNode apply(JsonNode liveOrNull, JsonNode applied, Class<?> model) throws PatchException {
    if (!applied.isObject()) throw new PatchException("an apply configuration must be an object");
    if (liveOrNull == null) return applied.deepCopy();
    return StrategicMergePatch.apply(liveOrNull, applied, model);
  }
}
