package io.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.patch.ApplyPatch;
import io.j8s.api.patch.JsonMergePatch;
import io.j8s.api.patch.JsonPatch;
import io.j8s.api.patch.PatchException;
import io.j8s.api.patch.StrategicMergePatch;
import io.j8s.apiserver.errors.ApiException;
import java.util.List;

/** Applies a PATCH body of one of the four patch media types to the current object. */
final class Patches {
  static final List<String> TYPES = List.of("application/json-patch+json", "application/merge-patch+json",
      "application/strategic-merge-patch+json", "application/apply-patch+yaml");

  private Patches() {}

  static ObjectNode apply(String mediaType, ObjectNode current, JsonNode patch, Class<?> model, String kind, String name) {
    try {
      JsonNode out = switch (mediaType) {
        case "application/json-patch+json" -> {
          if (!patch.isArray()) throw ApiException.badRequest("a JSON patch must be a JSON array of operations");
          yield JsonPatch.apply(current, patch);
        }
        case "application/merge-patch+json" -> {
          if (!patch.isObject()) throw ApiException.badRequest("a merge patch must be a JSON object");
          yield JsonMergePatch.apply(current, patch);
        }
        case "application/strategic-merge-patch+json" -> {
          if (!patch.isObject()) throw ApiException.badRequest("a strategic merge patch must be a JSON object");
          yield StrategicMergePatch.apply(current, patch, model);
        }
        case "application/apply-patch+yaml" -> {
          if (!patch.isObject()) throw ApiException.badRequest("an apply patch must be an object");
          yield ApplyPatch.apply(current, patch, model);
        }
        default -> throw ApiException.unsupportedMediaType(mediaType);
      };
      if (!out.isObject()) throw ApiException.badRequest("the patch did not produce an object");
      return (ObjectNode) out;
    } catch (PatchException e) {
      throw new ApiException(422, "Invalid", kind + " \"" + name + "\" is invalid: " + e.getMessage(), null, kind, name, List.of());
    }
  }
}
