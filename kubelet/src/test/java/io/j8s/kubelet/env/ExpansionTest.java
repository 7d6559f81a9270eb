package io.j8s.kubelet.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpansionTest {
  static final Map<String, String> VARS = Map.of("VAR_A", "A", "VAR_B", "B", "VAR_EMPTY", "", "NESTED", "$(VAR_A)");

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      "$(VAR_A)|A",
      "___$(VAR_B)___|___B___",
      "$(VAR_A)-$(VAR_B)|A-B",
      "$(VAR_A)$(VAR_B)|AB",
      "f000-$$VAR_A|f000-$VAR_A",
      "$$(VAR_A)|$(VAR_A)",
      "$$$(VAR_A)|$A",
      "$$$$(VAR_A)|$$(VAR_A)",
      "$(VAR_DNE)|$(VAR_DNE)",
      "$(VAR_EMPTY)x|x",
      "$(NESTED)|$(VAR_A)",
      "$(VAR_A|$(VAR_A",
      "$(|$(",
      "$()|$()",
      "foo$|foo$",
      "$|$",
      "$$|$",
      "$VAR_A|$VAR_A",
      "$:x|$:x",
      "f00__(VAR_A)__|f00__(VAR_A)__",
      "$(VAR_A)__$(|A__$(",
      "$($(VAR_A))|$($(VAR_A))",
      "héllo $(VAR_A) wörld|héllo A wörld",
      "plain|plain",
  })
  void expandsLikeKubernetes(String in, String out) {
    assertThat(Expansion.expand(in, Expansion.lookupIn(VARS))).isEqualTo(out);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"$(X)|first", "$(Y)|second", "$(Z)|$(Z)"})
  void firstContextWins(String in, String out) {
    var m = Expansion.lookupIn(Map.of("X", "first"), Map.of("X", "shadowed", "Y", "second"));
    assertThat(Expansion.expand(in, m)).isEqualTo(out);
  }
}
