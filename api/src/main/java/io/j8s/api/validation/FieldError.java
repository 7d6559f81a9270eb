package io.j8s.api.validation;

/** One invalid field, rendered as upstream's field.Error. */
public record FieldError(Kind kind, String field, Object value, String detail) {

  public enum Kind {
    REQUIRED("FieldValueRequired", "Required value"),
    INVALID("FieldValueInvalid", "Invalid value"),
    NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
    DUPLICATE("FieldValueDuplicate", "Duplicate value"),
    FORBIDDEN("FieldValueForbidden", "Forbidden"),
    TOO_LONG("FieldValueTooLong", "Too long"),
    TOO_MANY("FieldValueTooMany", "Too many");

    private final String reason;
    private final String label;

    Kind(String reason, String label) {
      this.reason = reason;
      this.label = label;
    }

    public String reason() { return reason; }
    public String label() { return label; }
  }

  public static FieldError required(String field, String detail) { return new FieldError(Kind.REQUIRED, field, null, detail); }
  public static FieldError invalid(String field, Object value, String detail) { return new FieldError(Kind.INVALID, field, value, detail); }
  public static FieldError notSupported(String field, Object value, java.util.List<String> allowed) {
    return new FieldError(Kind.NOT_SUPPORTED, field, value, "supported values: " + String.join(", ", allowed.stream().map(a -> "\"" + a + "\"").toList()));
  }
  public static FieldError duplicate(String field, Object value) { return new FieldError(Kind.DUPLICATE, field, value, null); }
  public static FieldError forbidden(String field, String detail) { return new FieldError(Kind.FORBIDDEN, field, null, detail); }

  /** e.g. {@code metadata.name: Invalid value: "Foo_": a lowercase RFC 1123 ...}. */
  public String render() {
    StringBuilder b = new StringBuilder(field).append(": ").append(kind.label());
    if (kind == Kind.INVALID || kind == Kind.NOT_SUPPORTED || kind == Kind.DUPLICATE) {
      b.append(": ").append(value instanceof String s ? "\"" + s + "\"" : String.valueOf(value));
    }
    if (detail != null && !detail.isEmpty()) b.append(": ").append(detail);
    return b.toString();
  }
}
