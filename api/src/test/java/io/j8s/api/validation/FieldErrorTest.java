package io.j8s.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldErrorTest {
  @Test
  void rendersAsUpstream() {
    assertThat(FieldError.invalid("metadata.name", "Foo_", "bad").render()).isEqualTo("metadata.name: Invalid value: \"Foo_\": bad");
    assertThat(FieldError.invalid("spec.replicas", -1, "must be >= 0").render()).isEqualTo("spec.replicas: Invalid value: -1: must be >= 0");
    assertThat(FieldError.required("spec.containers", "").render()).isEqualTo("spec.containers: Required value");
    assertThat(FieldError.required("metadata.name", "name is required").render()).isEqualTo("metadata.name: Required value: name is required");
    assertThat(FieldError.duplicate("spec.containers[1].name", "a").render()).isEqualTo("spec.containers[1].name: Duplicate value: \"a\"");
    assertThat(FieldError.forbidden("spec", "no").render()).isEqualTo("spec: Forbidden: no");
    assertThat(FieldError.notSupported("spec.type", "X", List.of("A", "B")).render())
        .isEqualTo("spec.type: Unsupported value: \"X\": supported values: \"A\", \"B\"");
  }

  @Test
  void kindsCarryUpstreamReasons() {
    assertThat(FieldError.Kind.REQUIRED.reason()).isEqualTo("FieldValueRequired");
    assertThat(FieldError.Kind.INVALID.reason()).isEqualTo("FieldValueInvalid");
    assertThat(FieldError.Kind.NOT_SUPPORTED.reason()).isEqualTo("FieldValueNotSupported");
    assertThat(FieldError.Kind.DUPLICATE.reason()).isEqualTo("FieldValueDuplicate");
    assertThat(FieldError.Kind.FORBIDDEN.reason()).isEqualTo("FieldValueForbidden");
    assertThat(FieldError.Kind.TOO_LONG.reason()).isEqualTo("FieldValueTooLong");
  }
}
