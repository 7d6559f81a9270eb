package io.j8s.api.patch;

import static io.j8s.api.patch.Json.of;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsonMergePatchTest {
  /** The examples of RFC 7386, appendix A. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "{'a':'b'}                  | {'a':'c'}              | {'a':'c'}",
      "{'a':'b'}                  | {'b':'c'}              | {'a':'b','b':'c'}",
      "{'a':'b'}                  | {'a':null}             | {}",
      "{'a':'b','b':'c'}          | {'a':null}             | {'b':'c'}",
      "{'a':['b']}                | {'a':'c'}              | {'a':'c'}",
      "{'a':'c'}                  | {'a':['b']}            | {'a':['b']}",
      "{'a':{'b':'c'}}            | {'a':{'b':'d','c':null}} | {'a':{'b':'d'}}",
      "{'a':[{'b':'c'}]}          | {'a':[1]}              | {'a':[1]}",
      "['a','b']                  | ['c','d']              | ['c','d']",
      "{'a':'b'}                  | ['c']                  | ['c']",
      "{'a':'foo'}                | null                   | null",
      "{'a':'foo'}                | 'bar'                  | 'bar'",
      "{'e':null}                 | {'a':1}                | {'e':null,'a':1}",
      "[1,2]                      | {'a':'b','c':null}     | {'a':'b'}",
      "{}                         | {'a':{'bb':{'ccc':null}}} | {'a':{'bb':{}}}",
  })
  void rfc7386Examples(String target, String patch, String expected) {
    assertThat(JsonMergePatch.apply(of(target), of(patch))).isEqualTo(of(expected));
  }

  @Test
  void arraysAreReplacedNotMergedEvenForContainers() {
    JsonNode pod = of("{'spec':{'containers':[{'name':'a','image':'x'},{'name':'b','image':'y'}]}}");
    JsonNode out = JsonMergePatch.apply(pod, of("{'spec':{'containers':[{'name':'a','image':'z'}]}}"));
    assertThat(out).isEqualTo(of("{'spec':{'containers':[{'name':'a','image':'z'}]}}"));
  }

  @Test
  void nestedMapsMergeAndNullDeletesOneLabel() {
    JsonNode obj = of("{'metadata':{'name':'n','labels':{'a':'1','b':'2'},'annotations':{'x':'y'}}}");
    JsonNode out = JsonMergePatch.apply(obj, of("{'metadata':{'labels':{'a':null,'c':'3'},'annotations':null}}"));
    assertThat(out).isEqualTo(of("{'metadata':{'name':'n','labels':{'b':'2','c':'3'}}}"));
  }

  @Test
  void targetIsNotMutatedAndNullTargetIsEmptyObject() {
    JsonNode obj = of("{'a':{'b':1}}");
    JsonMergePatch.apply(obj, of("{'a':{'b':2,'c':3}}"));
    assertThat(obj).isEqualTo(of("{'a':{'b':1}}"));
    assertThat(JsonMergePatch.apply(null, of("{'a':1,'b':null}"))).isEqualTo(of("{'a':1}"));
  }
}
