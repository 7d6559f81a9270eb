package io.j8s.api.schema;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reads JSON property shapes off fabric8 model classes, via Jackson's own introspection. */
public final class ModelShapes {
  private static final ObjectMapper MAPPER = Serialization.jsonMapper();
  private static final Map<Class<?>, Map<String, FieldShape>> CACHE = new ConcurrentHashMap<>();

  private ModelShapes() {}

  /** A fabric8 model class: has JSON properties of its own (not a scalar or a JDK type). */
  public static boolean isModel(Class<?> c) {
    return c != null && c.getName().startsWith("io.fabric8.kubernetes.api.model")
        && c != IntOrString.class && c != Quantity.class && !c.isEnum();
  }

  /** The JSON properties of a model class, in declaration order; empty for non-models. */
  public static Map<String, FieldShape> properties(Class<?> model) {
    if (!isModel(model)) return Map.of();
    return CACHE.computeIfAbsent(model, ModelShapes::introspect);
  }

  /** The shape of one property, or null if the class has no such JSON property. */
  public static FieldShape property(Class<?> model, String jsonName) {
    return properties(model).get(jsonName);
  }

  private static Map<String, FieldShape> introspect(Class<?> model) {
    JavaType type = MAPPER.constructType(model);
    Map<String, FieldShape> out = new LinkedHashMap<>();
    for (BeanPropertyDefinition p : MAPPER.getSerializationConfig().introspect(type).findProperties()) {
      if (p.getName().equals("additionalProperties") || !p.couldSerialize()) continue;
      JavaType pt = p.getPrimaryType();
      out.put(p.getName(), shapeOf(p.getName(), pt));
    }
    return Collections.unmodifiableMap(out);
  }

  private static FieldShape shapeOf(String name, JavaType t) {
    if (t.isCollectionLikeType() || t.isArrayType() || Collection.class.isAssignableFrom(t.getRawClass())) {
      JavaType e = t.getContentType();
      return new FieldShape(name, FieldShape.Kind.LIST, e.getRawClass(), scalarKind(e.getRawClass()));
    }
    if (t.isMapLikeType()) {
      JavaType e = t.getContentType();
      return new FieldShape(name, FieldShape.Kind.MAP, e.getRawClass(), scalarKind(e.getRawClass()));
    }
    return new FieldShape(name, scalarKind(t.getRawClass()), t.getRawClass(), null);
  }

  static FieldShape.Kind scalarKind(Class<?> c) {
    if (c == String.class || c.isEnum() || c == OffsetDateTime.class) return FieldShape.Kind.STRING;
    if (c == Integer.class || c == int.class || c == Long.class || c == long.class) return FieldShape.Kind.INTEGER;
    if (c == Double.class || c == double.class || c == Float.class || c == float.class) return FieldShape.Kind.NUMBER;
    if (c == Boolean.class || c == boolean.class) return FieldShape.Kind.BOOLEAN;
    if (c == Quantity.class) return FieldShape.Kind.QUANTITY;
    if (c == IntOrString.class) return FieldShape.Kind.INT_OR_STRING;
    if (isModel(c)) return FieldShape.Kind.OBJECT;
    return FieldShape.Kind.ANY;
  }
}
