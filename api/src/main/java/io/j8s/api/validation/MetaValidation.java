package io.j8s.api.validation;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** metadata: name (per the kind's syntax), generateName, labels, annotations, finalizers. */
final class MetaValidation {
  private MetaValidation() {}

  static void validate(ObjectMeta m, Function<String, List<String>> nameSyntax, Errors e) {
    if (m == null) {
      e.required("metadata.name", "name or generateName is required");
      return;
    }
    String name = m.getName();
    if (name == null || name.isEmpty()) {
      if (m.getGenerateName() == null || m.getGenerateName().isEmpty()) e.required("metadata.name", "name or generateName is required");
    } else {
      e.syntax("metadata.name", name, nameSyntax.apply(name));
    }
    labels("metadata.labels", m.getLabels(), e);
    if (m.getAnnotations() != null) {
      long size = 0;
      for (Map.Entry<String, String> a : m.getAnnotations().entrySet()) {
        e.syntax("metadata.annotations", a.getKey(), Names.qualifiedName(a.getKey()));
        size += a.getKey().length() + (a.getValue() == null ? 0 : a.getValue().getBytes(StandardCharsets.UTF_8).length);
      }
      if (size > 256 * 1024) e.add(new FieldError(FieldError.Kind.TOO_LONG, "metadata.annotations", null, "may not be more than 262144 bytes"));
    }
    if (m.getFinalizers() != null) {
      for (int i = 0; i < m.getFinalizers().size(); i++) {
        String f = m.getFinalizers().get(i);
        e.syntax("metadata.finalizers[" + i + "]", f, Names.qualifiedName(f));
      }
    }
  }

  static void labels(String field, Map<String, String> labels, Errors e) {
    if (labels == null) return;
    for (Map.Entry<String, String> l : labels.entrySet()) {
      e.syntax(field, l.getKey(), Names.qualifiedName(l.getKey()));
      e.syntax(field, l.getValue(), Names.labelValue(l.getValue() == null ? "" : l.getValue()));
    }
  }
}
