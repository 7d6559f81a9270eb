package io.j8s.api.validation;

import static io.j8s.api.validation.V.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetaValidationTest {
  static List<FieldError> cm(ObjectMetaBuilder m) {
    return validate(new ConfigMapBuilder().withMetadata(m.build()).build());
  }

  @Test
  void validMetadataHasNoErrors() {
    assertThat(cm(new ObjectMetaBuilder().withName("my.config-1").withLabels(Map.of("app.kubernetes.io/name", "x", "tier", ""))
        .withAnnotations(Map.of("example.com/note", "any text at all: / !")).withFinalizers("example.com/keep"))).isEmpty();
  }

  @Test
  void nameOrGenerateNameIsRequired() {
    assertThat(cm(new ObjectMetaBuilder())).extracting(FieldError::kind, FieldError::field)
        .containsExactly(tuple(FieldError.Kind.REQUIRED, "metadata.name"));
    assertThat(cm(new ObjectMetaBuilder().withName(""))).hasSize(1);
    assertThat(cm(new ObjectMetaBuilder().withGenerateName("web-"))).isEmpty();
    assertThat(validate(new ConfigMapBuilder().build())).extracting(FieldError::field).containsExactly("metadata.name");
  }

  @Test
  void namesFollowTheKindsSyntax() {
    // most kinds: DNS-1123 subdomain (dots allowed)
    assertThat(cm(new ObjectMetaBuilder().withName("a.b"))).isEmpty();
    List<FieldError> upper = cm(new ObjectMetaBuilder().withName("Web"));
    assertThat(upper).extracting(FieldError::kind, FieldError::field, FieldError::value)
        .containsExactly(tuple(FieldError.Kind.INVALID, "metadata.name", "Web"));
    assertThat(upper.get(0).kind().reason()).isEqualTo("FieldValueInvalid");
    assertThat(cm(new ObjectMetaBuilder().withName("-web"))).extracting(FieldError::field).containsExactly("metadata.name");
    assertThat(cm(new ObjectMetaBuilder().withName("a".repeat(253)))).isEmpty();
    assertThat(cm(new ObjectMetaBuilder().withName("a".repeat(254)))).extracting(FieldError::detail)
        .containsExactly("must be no more than 253 characters");
    // namespaces: DNS-1123 label (no dots, at most 63)
    assertThat(validate(new NamespaceBuilder().withNewMetadata().withName("a.b").endMetadata().build()))
        .extracting(FieldError::field).containsExactly("metadata.name");
    assertThat(validate(new NamespaceBuilder().withNewMetadata().withName("a".repeat(64)).endMetadata().build()))
        .extracting(FieldError::detail).contains("must be no more than 63 characters");
    assertThat(validate(new NamespaceBuilder().withNewMetadata().withName("a".repeat(63)).endMetadata().build())).isEmpty();
    // services: DNS-1035 label (must start with a letter)
    assertThat(validate(new ServiceBuilder().withNewMetadata().withName("1svc").endMetadata()
        .withNewSpec().withClusterIP("None").endSpec().build()))
        .extracting(FieldError::field).containsExactly("metadata.name");
    // RBAC: path segment names, uppercase and colons allowed
    assertThat(validate(new RoleBuilder().withNewMetadata().withName("system:Admin").endMetadata().build())).isEmpty();
    assertThat(validate(new RoleBuilder().withNewMetadata().withName("a/b").endMetadata().build()))
        .extracting(FieldError::detail).containsExactly("may not contain '/' or '%'");
    assertThat(validate(new RoleBuilder().withNewMetadata().withName("..").endMetadata().build()))
        .extracting(FieldError::detail).containsExactly("may not be '..'");
  }

  @Test
  void labelKeysAndValuesAreChecked() {
    List<FieldError> errs = cm(new ObjectMetaBuilder().withName("c").withLabels(Map.of("Bad.Prefix/k", "ok")));
    assertThat(errs).extracting(FieldError::kind, FieldError::field, FieldError::value)
        .containsExactly(tuple(FieldError.Kind.INVALID, "metadata.labels", "Bad.Prefix/k"));
    assertThat(errs.get(0).detail()).startsWith("prefix part a lowercase RFC 1123 subdomain");
    assertThat(cm(new ObjectMetaBuilder().withName("c").withLabels(Map.of("k", "-v"))))
        .extracting(FieldError::field, FieldError::value).containsExactly(tuple("metadata.labels", "-v"));
    assertThat(cm(new ObjectMetaBuilder().withName("c").withLabels(Map.of("k", "v".repeat(64)))))
        .extracting(FieldError::detail).containsExactly("must be no more than 63 characters");
    assertThat(cm(new ObjectMetaBuilder().withName("c").withLabels(Map.of("k".repeat(64), "v"))))
        .extracting(FieldError::detail).containsExactly("name part must be no more than 63 characters");
  }

  @Test
  void annotationKeysAndTotalSize() {
    assertThat(cm(new ObjectMetaBuilder().withName("c").withAnnotations(Map.of("bad key", "v"))))
        .extracting(FieldError::field, FieldError::value).containsExactly(tuple("metadata.annotations", "bad key"));
    // 262144 bytes in total is allowed, one more is not
    assertThat(cm(new ObjectMetaBuilder().withName("c").withAnnotations(Map.of("k", "x".repeat(262143))))).isEmpty();
    List<FieldError> big = cm(new ObjectMetaBuilder().withName("c").withAnnotations(Map.of("k", "x".repeat(262144))));
    assertThat(big).extracting(FieldError::kind, FieldError::field)
        .containsExactly(tuple(FieldError.Kind.TOO_LONG, "metadata.annotations"));
    assertThat(big.get(0).detail()).isEqualTo("may not be more than 262144 bytes");
    // the limit counts UTF-8 bytes of values: 2-byte characters halve it
    assertThat(cm(new ObjectMetaBuilder().withName("c").withAnnotations(Map.of("k", "é".repeat(131072))))).hasSize(1);
  }

  @Test
  void finalizersMustBeQualifiedNames() {
    assertThat(cm(new ObjectMetaBuilder().withName("c").withFinalizers("ok/f", "bad finalizer")))
        .extracting(FieldError::field, FieldError::value).containsExactly(tuple("metadata.finalizers[1]", "bad finalizer"));
  }

  @Test
  void configMapKeysAndDuplicatesAcrossDataAndBinaryData() {
    var c = new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata()
        .withData(Map.of("ok.key", "1", "dup", "2", "bad/key", "3")).withBinaryData(Map.of("dup", "AA==")).build();
    assertThat(validate(c)).extracting(FieldError::kind, FieldError::field)
        .containsExactlyInAnyOrder(tuple(FieldError.Kind.INVALID, "data[bad/key]"), tuple(FieldError.Kind.DUPLICATE, "binaryData[dup]"));
  }
}
