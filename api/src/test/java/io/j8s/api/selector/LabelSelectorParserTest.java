package io.j8s.api.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.api.selector.LabelSelector.Op;
import io.j8s.api.selector.LabelSelector.Requirement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSelectorParserTest {
  static List<Requirement> reqs(String s) throws SelectorException {
    LabelSelector sel = LabelSelector.parse(s);
    assertThat(sel).isInstanceOf(LabelSelector.All.class);
    return ((LabelSelector.All) sel).requirements();
  }

  @Test
  void everyOperatorParsesToItsRequirement() throws Exception {
    assertThat(reqs("a=b")).containsExactly(new Requirement("a", Op.EQUALS, Set.of("b")));
    assertThat(reqs("a==b")).containsExactly(new Requirement("a", Op.EQUALS, Set.of("b")));
    assertThat(reqs("a!=b")).containsExactly(new Requirement("a", Op.NOT_EQUALS, Set.of("b")));
    assertThat(reqs("a in (y,x)")).containsExactly(new Requirement("a", Op.IN, Set.of("x", "y")));
    assertThat(reqs("a notin (x)")).containsExactly(new Requirement("a", Op.NOT_IN, Set.of("x")));
    assertThat(reqs("a")).containsExactly(new Requirement("a", Op.EXISTS, Set.of()));
    assertThat(reqs("!a")).containsExactly(new Requirement("a", Op.DOES_NOT_EXIST, Set.of()));
  }

  @Test
  void combinationsKeepOrderAndToleratesSpaces() throws Exception {
    List<Requirement> r = reqs("  app = web ,tier!=db, env in ( prod , dev ),  !legacy , team,zone notin(a)  ");
    assertThat(r).extracting(Requirement::key).containsExactly("app", "tier", "env", "legacy", "team", "zone");
    assertThat(r).extracting(Requirement::op)
        .containsExactly(Op.EQUALS, Op.NOT_EQUALS, Op.IN, Op.DOES_NOT_EXIST, Op.EXISTS, Op.NOT_IN);
    assertThat(r.get(2).values()).containsExactly("dev", "prod");
  }

  @Test
  void toStringIsCanonicalAndRoundTrips() throws Exception {
    LabelSelector s = LabelSelector.parse("a==b, c in (z,y), !d, e, f notin (q), g!=h");
    assertThat(s.toString()).isEqualTo("a=b,c in (y,z),!d,e,f notin (q),g!=h");
    assertThat(LabelSelector.parse(s.toString())).isEqualTo(s);
  }

  @Test
  void prefixedKeysAndDottedValuesAreAccepted() throws Exception {
    assertThat(reqs("app.kubernetes.io/name=my-app_v1.2"))
        .containsExactly(new Requirement("app.kubernetes.io/name", Op.EQUALS, Set.of("my-app_v1.2")));
    assertThat(reqs("example.com/x")).containsExactly(new Requirement("example.com/x", Op.EXISTS, Set.of()));
  }

  @Test
  void emptyValueIsAllowedAndMatchesOnlyEmptyLabel() throws Exception {
    LabelSelector s = LabelSelector.parse("a=");
    assertThat(reqs("a=")).containsExactly(new Requirement("a", Op.EQUALS, Set.of("")));
    assertThat(s.matches(Map.of("a", ""))).isTrue();
    assertThat(s.matches(Map.of("a", "x"))).isFalse();
    assertThat(s.matches(Map.of())).isFalse();
  }

  @Test
  void blankOrNullSelectsEverything() throws Exception {
    assertThat(LabelSelector.parse("")).isInstanceOf(LabelSelector.Everything.class);
    assertThat(LabelSelector.parse("   ")).isInstanceOf(LabelSelector.Everything.class);
    assertThat(LabelSelector.parse(null)).isInstanceOf(LabelSelector.Everything.class);
    assertThat(LabelSelector.parse(null).matches(Map.of("x", "y"))).isTrue();
  }

  @Test
  void matchingSemantics() throws Exception {
    Map<String, String> web = Map.of("app", "web", "env", "prod");
    Map<String, String> none = Map.of();
    assertThat(LabelSelector.parse("app=web").matches(web)).isTrue();
    assertThat(LabelSelector.parse("app=db").matches(web)).isFalse();
    assertThat(LabelSelector.parse("app!=db").matches(web)).isTrue();
    assertThat(LabelSelector.parse("app!=web").matches(web)).isFalse();
    assertThat(LabelSelector.parse("app!=web").matches(none)).as("!= matches absent key").isTrue();
    assertThat(LabelSelector.parse("env in (dev,prod)").matches(web)).isTrue();
    assertThat(LabelSelector.parse("env in (dev)").matches(web)).isFalse();
    assertThat(LabelSelector.parse("env in (dev,prod)").matches(none)).isFalse();
    assertThat(LabelSelector.parse("env notin (dev)").matches(web)).isTrue();
    assertThat(LabelSelector.parse("env notin (prod)").matches(web)).isFalse();
    assertThat(LabelSelector.parse("env notin (prod)").matches(none)).as("notin matches absent key").isTrue();
    assertThat(LabelSelector.parse("app").matches(web)).isTrue();
    assertThat(LabelSelector.parse("app").matches(none)).isFalse();
    assertThat(LabelSelector.parse("!app").matches(web)).isFalse();
    assertThat(LabelSelector.parse("!app").matches(none)).isTrue();
    assertThat(LabelSelector.parse("app=web,env=prod").matches(web)).isTrue();
    assertThat(LabelSelector.parse("app=web,env=dev").matches(web)).as("conjunction").isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a=b c", "a in x", "a in (x", "a in (x y)", "a,", ",a", "a,,b", "=b", "a <= b", "a=b/c", "!a=b",
      "a ~ b", "a in (x,)y"})
  void invalidSyntaxIsRejectedWithPosition(String s) {
    assertThatThrownBy(() -> LabelSelector.parse(s))
        .isInstanceOf(SelectorException.class)
        .hasMessageContaining("unable to parse requirement")
        .hasMessageContaining("at position")
        .hasMessageContaining("\"" + s + "\"");
  }

  @Test
  void errorMessageNamesWhatWasExpected() {
    assertThatThrownBy(() -> LabelSelector.parse("a=b c"))
        .hasMessage("unable to parse requirement: expected ',' or end of selector at position 4 of \"a=b c\"");
    assertThatThrownBy(() -> LabelSelector.parse("a in x"))
        .hasMessage("unable to parse requirement: expected '(' after in/notin at position 5 of \"a in x\"");
    assertThatThrownBy(() -> LabelSelector.parse("a ~ b"))
        .hasMessageContaining("expected one of =, ==, !=, in, notin after key \"a\"");
    assertThatThrownBy(() -> LabelSelector.parse(",a")).hasMessageContaining("expected a label key at position 0");
  }

  @Test
  void invalidKeysAreRejected() {
    assertThatThrownBy(() -> LabelSelector.parse("-a=b")).isInstanceOf(SelectorException.class)
        .hasMessageContaining("invalid label key \"-a\"").hasMessageContaining("name part");
    assertThatThrownBy(() -> LabelSelector.parse("a-=b")).hasMessageContaining("invalid label key \"a-\"");
    assertThatThrownBy(() -> LabelSelector.parse("Foo.COM/a=b"))
        .hasMessageContaining("invalid label key \"Foo.COM/a\"").hasMessageContaining("prefix part");
    assertThatThrownBy(() -> LabelSelector.parse("/a=b")).hasMessageContaining("prefix part");
    assertThatThrownBy(() -> LabelSelector.parse("example.com/=b")).hasMessageContaining("name part");
    assertThatThrownBy(() -> LabelSelector.parse("a/b/c=d")).hasMessageContaining("invalid label key \"a/b/c\"");
    assertThatThrownBy(() -> LabelSelector.parse("k".repeat(64) + "=v")).hasMessageContaining("at most 63");
  }

  @Test
  void keyLengthBoundaries() throws Exception {
    assertThat(reqs("k".repeat(63))).hasSize(1);
    String prefix = "p".repeat(253);
    assertThatThrownBy(() -> LabelSelector.parse("p".repeat(254) + "/a")).hasMessageContaining("prefix part");
    // A 253-char single label prefix is a syntactically valid subdomain pattern here.
    assertThat(reqs(prefix + "/a").get(0).key()).isEqualTo(prefix + "/a");
  }

  @Test
  void invalidValuesAreRejected() {
    assertThatThrownBy(() -> LabelSelector.parse("a=-b")).isInstanceOf(SelectorException.class)
        .hasMessageContaining("invalid label value: \"-b\"");
    assertThatThrownBy(() -> LabelSelector.parse("a in (ok,bad.)")).hasMessageContaining("invalid label value: \"bad.\"");
    assertThatThrownBy(() -> LabelSelector.parse("a=" + "v".repeat(64))).hasMessageContaining("invalid label value");
  }

  @Test
  void valueOf63CharsIsAccepted() throws Exception {
    assertThat(reqs("a=" + "v".repeat(63)).get(0).values()).containsExactly("v".repeat(63));
  }

  /** Upstream's lexer: isWhitespace is ' ', '\t', '\r' or '\n'. */
  @Test
  void tabsAndNewlinesAreWhitespace() throws Exception {
    assertThat(reqs("a=b,\tc in (x,\ny)")).containsExactly(
        new Requirement("a", Op.EQUALS, Set.of("b")), new Requirement("c", Op.IN, Set.of("x", "y")));
  }

  @Test
  void keysStartingWithInOrNotinAreKeysNotOperators() throws Exception {
    assertThat(reqs("inside=1,notinteresting")).containsExactly(
        new Requirement("inside", Op.EQUALS, Set.of("1")),
        new Requirement("notinteresting", Op.EXISTS, Set.of()));
  }
}
