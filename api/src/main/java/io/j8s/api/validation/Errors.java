package io.j8s.api.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects field errors while rules walk an object. */
final class Errors {
  final List<FieldError> list = new ArrayList<>();

  void add(FieldError e) { list.add(e); }

  void required(String field, String detail) { list.add(FieldError.required(field, detail)); }

  void invalid(String field, Object value, String detail) { list.add(FieldError.invalid(field, value, detail)); }

  /** One INVALID error per problem a syntax check returned. */
  void syntax(String field, String value, List<String> problems) {
    for (String p : problems) list.add(FieldError.invalid(field, value, p));
  }

  void oneOf(String field, String value, List<String> allowed) {
    if (value != null && !allowed.contains(value)) list.add(FieldError.notSupported(field, value, allowed));
  }

  void immutable(String field, Object before, Object after) {
    if (!java.util.Objects.equals(before, after)) list.add(FieldError.invalid(field, after, "field is immutable"));
  }

  void port(String field, Integer port) {
    if (port != null && (port < 1 || port > 65535)) invalid(field, port, "must be between 1 and 65535, inclusive");
  }
}
