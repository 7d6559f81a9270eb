package io.j8s.api.patch;

import static io.j8s.api.patch.Json.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JsonPatchTest {
  static final JsonNode DOC = of("{'metadata':{'name':'p','labels':{'a':'1'}},'spec':{'containers':[{'name':'c1'},{'name':'c2'}]}}");

  @Test
  void addSetsMembersAndInsertsIntoArrays() throws Exception {
    JsonNode out = JsonPatch.apply(DOC, of("""
        [{'op':'add','path':'/metadata/labels/b','value':'2'},
         {'op':'add','path':'/spec/containers/1','value':{'name':'mid'}},
         {'op':'add','path':'/spec/containers/-','value':{'name':'last'}}]"""));
    assertThat(out.at("/metadata/labels")).isEqualTo(of("{'a':'1','b':'2'}"));
    assertThat(out.at("/spec/containers").findValuesAsText("name")).containsExactly("c1", "mid", "c2", "last");
  }

  @Test
  void removeAndReplace() throws Exception {
    JsonNode out = JsonPatch.apply(DOC, of("""
        [{'op':'remove','path':'/spec/containers/0'},
         {'op':'replace','path':'/metadata/name','value':'q'}]"""));
    assertThat(out.at("/spec/containers")).isEqualTo(of("[{'name':'c2'}]"));
    assertThat(out.at("/metadata/name").asText()).isEqualTo("q");
  }

  @Test
  void moveAndCopy() throws Exception {
    JsonNode out = JsonPatch.apply(DOC, of("""
        [{'op':'copy','from':'/metadata/labels','path':'/metadata/annotations'},
         {'op':'move','from':'/metadata/name','path':'/metadata/generateName'}]"""));
    assertThat(out.at("/metadata")).isEqualTo(of("{'labels':{'a':'1'},'annotations':{'a':'1'},'generateName':'p'}"));
  }

  @Test
  void passingTestOpAppliesTheRest() throws Exception {
    JsonNode out = JsonPatch.apply(DOC, of("[{'op':'test','path':'/metadata/name','value':'p'},{'op':'remove','path':'/metadata/labels'}]"));
    assertThat(out.at("/metadata")).isEqualTo(of("{'name':'p'}"));
  }

  @Test
  void failingTestOpFailsTheWholePatchAndLeavesTargetAlone() {
    JsonNode before = DOC.deepCopy();
    assertThatThrownBy(() -> JsonPatch.apply(DOC,
        of("[{'op':'remove','path':'/metadata/labels'},{'op':'test','path':'/metadata/name','value':'other'}]")))
        .isInstanceOf(PatchException.class)
        .hasMessageStartingWith("the JSON patch could not be applied: ");
    assertThat(DOC).isEqualTo(before);
  }

  @Test
  void missingPathsAndBadOpsAreErrors() {
    assertThatThrownBy(() -> JsonPatch.apply(DOC, of("[{'op':'replace','path':'/spec/containers/9','value':1}]")))
        .isInstanceOf(PatchException.class);
    assertThatThrownBy(() -> JsonPatch.apply(DOC, of("[{'op':'frobnicate','path':'/a'}]")))
        .isInstanceOf(PatchException.class);
  }

  @Test
  void testOpOnMissingPathFails() {
    assertThatThrownBy(() -> JsonPatch.apply(DOC, of("[{'op':'test','path':'/metadata/nope','value':'x'}]")))
        .isInstanceOf(PatchException.class);
  }

  @Test
  void removeOfMissingArrayIndexFails() {
    assertThatThrownBy(() -> JsonPatch.apply(DOC, of("[{'op':'remove','path':'/spec/containers/5'}]")))
        .isInstanceOf(PatchException.class);
  }

  /** RFC 6902 4.2: the target location MUST exist; upstream (evanphx/json-patch) answers "Unable to remove nonexistent key". */
  @Test
  void removeOfMissingMemberFails() {
    assertThatThrownBy(() -> JsonPatch.apply(DOC, of("[{'op':'remove','path':'/metadata/nope'}]")))
        .isInstanceOf(PatchException.class);
  }

  @Test
  void aNonArrayPatchIsRejected() {
    assertThatThrownBy(() -> JsonPatch.apply(DOC, of("{'op':'add','path':'/a','value':1}")))
        .isInstanceOf(PatchException.class).hasMessage("a JSON patch must be an array of operations");
  }

  @Test
  void emptyPatchIsIdentity() throws Exception {
    assertThat(JsonPatch.apply(DOC, of("[]"))).isEqualTo(DOC);
  }
}
