package io.j8s.api.schema;

/**
 * The shape of one JSON property of a model class.
 *
 * @param name    JSON property name
 * @param kind    what the JSON value is
 * @param element for OBJECT: the model class; for LIST/MAP: the element's class (a model
 *                class, String, Integer, ... or Object for free-form)
 * @param elementKind for LIST/MAP: the JSON kind of the elements
 */
public record FieldShape(String name, Kind kind, Class<?> element, Kind elementKind) {
  public enum Kind { STRING, INTEGER, NUMBER, BOOLEAN, QUANTITY, INT_OR_STRING, OBJECT, LIST, MAP, ANY }

  /** True when values of this property (or its elements) are model objects with properties. */
  public boolean hasModelElements() {
    return (kind == Kind.OBJECT || elementKind == Kind.OBJECT) && ModelShapes.isModel(element);
  }
}
