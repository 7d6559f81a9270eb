package io.j8s.apiserver.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.j8s.api.defaults.Defaulter;
import io.j8s.api.fields.UnknownFields;
import io.j8s.api.registry.ResourceType;
import io.j8s.api.validation.FieldError;
import io.j8s.api.validation.Validator;
import io.j8s.apiserver.errors.ApiException;
import io.j8s.apiserver.http.Exchange;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a client's object into the canonical stored form, or refuses it: kind check, unknown
 * fields per {@code fieldValidation} (Strict refuses, Warn warns, Ignore drops silently),
 * decoding into the model, upstream defaults, then validation (422 with one cause per field).
 */
final class Admission {
  private static final ObjectMapper MODEL = Serialization.jsonMapper();

  private Admission() {}

  /** Refuses an object whose apiVersion/kind do not name this resource; fills them if absent. */
  static void checkKind(ResourceType t, ObjectNode obj) {
    String av = obj.path("apiVersion").asText("");
    String kind = obj.path("kind").asText("");
    if (!av.isEmpty() && !av.equals(t.apiVersion())) {
      throw ApiException.badRequest("the API version in the data (" + av + ") does not match the expected API version ("
          + t.apiVersion() + ")");
    }
    if (!kind.isEmpty() && !kind.equals(t.kind())) {
      throw ApiException.badRequest("the kind in the data (" + kind + ") does not match the expected kind (" + t.kind() + ")");
    }
    obj.put("apiVersion", t.apiVersion());
    obj.put("kind", t.kind());
  }

  /** Applies the request's fieldValidation to unknown fields and returns the pruned object. */
  static ObjectNode unknownFields(ResourceType t, ObjectNode obj, List<String> duplicates, Exchange ex) {
    String mode = ex.param("fieldValidation");
    if (mode == null || mode.isEmpty()) mode = "Warn";
    if (!List.of("Strict", "Warn", "Ignore").contains(mode)) {
      throw ApiException.badRequest("fieldValidation must be one of Strict, Warn or Ignore, not \"" + mode + "\"");
    }
    List<String> problems = new ArrayList<>();
    for (String u : UnknownFields.find(obj, t.model())) problems.add(UnknownFields.message(u));
    problems.addAll(duplicates);
    if (problems.isEmpty()) return obj;
    if (mode.equals("Strict")) throw ApiException.badRequest("strict decoding error: " + String.join(", ", problems));
    if (mode.equals("Warn")) problems.forEach(ex::warn);
    return (ObjectNode) UnknownFields.prune(obj, t.model());
  }

  /** Decodes into the fabric8 model, refusing type mismatches with 400. */
  static HasMetadata typed(ResourceType t, JsonNode obj) {
    try {
      return MODEL.treeToValue(obj, t.model());
    } catch (Exception e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage();
      int nl = msg.indexOf('\n');
      throw ApiException.badRequest("the " + t.kind() + " could not be decoded: " + (nl > 0 ? msg.substring(0, nl) : msg));
    }
  }

  static ObjectNode tree(HasMetadata obj) { return MODEL.valueToTree(obj); }

  /** The JSON to store: as {@link #tree} would serialize, without metadata.resourceVersion. */
  static byte[] storedJson(HasMetadata obj) {
    if (obj.getMetadata() != null) obj.getMetadata().setResourceVersion(null);
    try {
      return MODEL.writeValueAsBytes(obj);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a " + obj.getKind(), e);
    }
  }

  /** Defaults, then validates against the old object (null on create); returns canonical JSON. */
  static ObjectNode defaultAndValidate(ResourceType t, ObjectNode obj, ObjectNode old) {
    return tree(admit(t, obj, old));
  }

  /** Defaults, then validates against the old object (null on create); returns the model object. */
  static HasMetadata admit(ResourceType t, ObjectNode obj, ObjectNode old) {
    return admit(t, obj, old, o -> { });
  }

  /**
   * Defaults, runs the mutating admission, then validates against the old object (null on
   * create); returns the model object. A new pod's QoS class is computed after admission (its
   * LimitRange defaults count), as upstream's pod strategy does.
   */
  static HasMetadata admit(ResourceType t, ObjectNode obj, ObjectNode old, java.util.function.Consumer<HasMetadata> mutate) {
    HasMetadata typed = typed(t, obj);
    Defaulter.apply(typed);
    mutate.accept(typed);
    if (old == null && typed instanceof io.fabric8.kubernetes.api.model.Pod p && p.getStatus() != null && p.getSpec() != null) {
      p.getStatus().setQosClass(io.j8s.api.quota.PodResources.qosClass(p.getSpec()));
    }
    HasMetadata oldTyped = old == null ? null : typed(t, old);
    List<FieldError> errors = Validator.validate(t, typed, oldTyped);
    if (!errors.isEmpty()) {
      List<ApiException.Cause> causes = new ArrayList<>();
      for (FieldError e : errors) {
        String rendered = e.render();
        String prefix = e.field() + ": ";
        causes.add(new ApiException.Cause(e.kind().reason(),
            rendered.startsWith(prefix) ? rendered.substring(prefix.length()) : rendered, e.field()));
      }
      String name = typed.getMetadata() == null ? "" : String.valueOf(typed.getMetadata().getName());
      throw ApiException.invalid(t.group(), t.kind(), name, causes);
    }
    return typed;
  }
}
