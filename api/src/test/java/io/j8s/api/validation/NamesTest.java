package io.j8s.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NamesTest {
  @ParameterizedTest
  @ValueSource(strings = {"a", "abc", "a-b", "0", "123-abc", "a1"})
  void validDns1123Labels(String v) {
    assertThat(Names.dns1123Label(v)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-a", "a-", "A", "aBc", "a.b", "a_b", "a b"})
  void invalidDns1123Labels(String v) {
    assertThat(Names.dns1123Label(v)).singleElement().asString().startsWith("a lowercase RFC 1123 label must consist of");
  }

  @Test
  void dns1123LabelLengthLimitIs63() {
    assertThat(Names.dns1123Label("a".repeat(63))).isEmpty();
    assertThat(Names.dns1123Label("a".repeat(64))).containsExactly("must be no more than 63 characters");
    assertThat(Names.dns1123Label("-".repeat(64))).hasSize(2).first().isEqualTo("must be no more than 63 characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "a.b", "example.com", "my-app.v1", "1.2.3"})
  void validSubdomains(String v) {
    assertThat(Names.dns1123Subdomain(v)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".a", "a.", "a..b", "Example.com", "-a.b", "a.-b", "a_b"})
  void invalidSubdomains(String v) {
    assertThat(Names.dns1123Subdomain(v)).singleElement().asString().startsWith("a lowercase RFC 1123 subdomain");
  }

  @Test
  void subdomainLengthLimitIs253() {
    String ok = ("a".repeat(63) + ".").repeat(3) + "a".repeat(61); // 253
    assertThat(ok).hasSize(253);
    assertThat(Names.dns1123Subdomain(ok)).isEmpty();
    assertThat(Names.dns1123Subdomain(ok + "a")).containsExactly("must be no more than 253 characters");
  }

  @Test
  void dns1035LabelsMustStartWithALetter() {
    assertThat(Names.dns1035Label("svc-1")).isEmpty();
    assertThat(Names.dns1035Label("1svc")).singleElement().asString().startsWith("a DNS-1035 label");
    assertThat(Names.dns1035Label("a".repeat(64))).contains("must be no more than 63 characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"app", "App_Name.v1", "example.com/name", "a.b.c/X-y", "k8s.io/a", "a"})
  void validQualifiedNames(String v) {
    assertThat(Names.qualifiedName(v)).isEmpty();
  }

  @Test
  void qualifiedNameProblems() {
    assertThat(Names.qualifiedName("/a")).containsExactly("prefix part must be non-empty");
    assertThat(Names.qualifiedName("example.com/")).containsExactly("name part must be non-empty");
    assertThat(Names.qualifiedName("Example.com/a")).singleElement().asString().startsWith("prefix part a lowercase RFC 1123 subdomain");
    assertThat(Names.qualifiedName("-a")).singleElement().asString().startsWith("name part must consist of alphanumeric");
    assertThat(Names.qualifiedName("a_")).singleElement().asString().startsWith("name part must consist");
    assertThat(Names.qualifiedName("a/b/c")).singleElement().asString().startsWith("name part must consist");
    assertThat(Names.qualifiedName("a".repeat(63))).isEmpty();
    assertThat(Names.qualifiedName("a".repeat(64))).containsExactly("name part must be no more than 63 characters");
    assertThat(Names.qualifiedName("x.io/" + "a".repeat(64))).containsExactly("name part must be no more than 63 characters");
    assertThat(Names.qualifiedName("p".repeat(254) + "/a")).containsExactly("prefix part must be no more than 253 characters");
  }

  @Test
  void labelValues() {
    assertThat(Names.labelValue("")).isEmpty();
    assertThat(Names.labelValue("My_value-1.2")).isEmpty();
    assertThat(Names.labelValue("v".repeat(63))).isEmpty();
    assertThat(Names.labelValue("v".repeat(64))).containsExactly("must be no more than 63 characters");
    assertThat(Names.labelValue("-v")).singleElement().asString().startsWith("a valid label must be an empty string");
    assertThat(Names.labelValue("a/b")).hasSize(1);
    assertThat(Names.labelValue("a b")).hasSize(1);
  }

  @Test
  void configMapKeys() {
    assertThat(Names.configMapKey("KEY_name-1.txt")).isEmpty();
    assertThat(Names.configMapKey(".env")).isEmpty();
    assertThat(Names.configMapKey("a/b")).singleElement().asString().startsWith("a valid config key");
    assertThat(Names.configMapKey("")).hasSize(1);
    assertThat(Names.configMapKey("k".repeat(254))).containsExactly("must be no more than 253 characters");
  }

  @Test
  void portNames() {
    assertThat(Names.portName("http")).isEmpty();
    assertThat(Names.portName("http-2")).isEmpty();
    assertThat(Names.portName("a".repeat(16))).containsExactly("must be no more than 15 characters");
    assertThat(Names.portName("HTTP")).containsExactly("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    assertThat(Names.portName("a--b")).containsExactly("must not contain consecutive hyphens");
    assertThat(Names.portName("8080")).containsExactly("must contain at least one letter (a-z)");
    assertThat(Names.portName("-ab")).containsExactly("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  }
}
