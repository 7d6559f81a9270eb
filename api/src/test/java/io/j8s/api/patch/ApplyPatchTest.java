package io.j8s.api.patch;

import static io.j8s.api.patch.Json.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;

class ApplyPatchTest {
  @Test
  void createsACopyWhenAbsent() throws Exception {
    JsonNode applied = of("{'metadata':{'name':'p'}}");
    JsonNode out = ApplyPatch.apply(null, applied, Pod.class);
    assertThat(out).isEqualTo(applied).isNotSameAs(applied);
  }

  @Test
  void mergesContainersByNameAndKeepsFieldsNoLongerApplied() throws Exception {
    JsonNode live = of("{'metadata':{'name':'p','labels':{'x':'1'}},'spec':{'containers':[{'name':'a','image':'i1'},{'name':'b','image':'i2'}]}}");
    JsonNode out = ApplyPatch.apply(live, of("{'metadata':{'labels':{'y':'2'}},'spec':{'containers':[{'name':'b','image':'i3'}]}}"), Pod.class);
    assertThat(out.at("/metadata/labels")).isEqualTo(of("{'x':'1','y':'2'}"));
    assertThat(out.at("/spec/containers")).isEqualTo(of("[{'name':'a','image':'i1'},{'name':'b','image':'i3'}]"));
  }

  @Test
  void rejectsNonObjects() {
    assertThatThrownBy(() -> ApplyPatch.apply(null, of("[1]"), Pod.class)).isInstanceOf(PatchException.class)
        .hasMessage("an apply configuration must be an object");
  }
}
