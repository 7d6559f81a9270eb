package io.j8s.api.patch;

import static io.j8s.api.patch.Json.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

class StrategicMergePatchTest {
  static final JsonNode POD = of("""
      {'metadata':{'name':'p','labels':{'app':'web','tier':'fe'},'finalizers':['a/x','b/y']},
       'spec':{'restartPolicy':'Always','containers':[
         {'name':'web','image':'nginx:1','ports':[{'containerPort':80,'name':'http'},{'containerPort':443,'name':'https'}],
          'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]},
         {'name':'side','image':'busybox','args':['sleep','1']}]}}""");

  static JsonNode smp(JsonNode orig, String patch) throws PatchException {
    return StrategicMergePatch.apply(orig, of(patch), Pod.class);
  }

  static java.util.List<String> names(JsonNode containers) {
    return containers.findValuesAsText("name");
  }

  @Test
  void containersMergeByNameKeepingOthers() throws Exception {
    JsonNode out = smp(POD, "{'spec':{'containers':[{'name':'web','image':'nginx:2'}]}}");
    assertThat(out.at("/spec/containers/0/image").asText()).isEqualTo("nginx:2");
    assertThat(out.at("/spec/containers/0/ports")).isEqualTo(POD.at("/spec/containers/0/ports"));
    assertThat(out.at("/spec/containers/1")).isEqualTo(POD.at("/spec/containers/1"));
    assertThat(out.at("/spec/containers").size()).isEqualTo(2);
  }

  @Test
  void newContainerIsAppended() throws Exception {
    JsonNode out = smp(POD, "{'spec':{'containers':[{'name':'new','image':'x'}]}}");
    assertThat(out.at("/spec/containers").size()).isEqualTo(3);
    assertThat(out.at("/spec/containers/2")).isEqualTo(of("{'name':'new','image':'x'}"));
  }

  @Test
  void portsMergeByContainerPortAndEnvByName() throws Exception {
    JsonNode out = smp(POD, """
        {'spec':{'containers':[{'name':'web',
          'ports':[{'containerPort':443,'name':'tls'},{'containerPort':8080}],
          'env':[{'name':'B','value':'20'},{'name':'C','value':'3'}]}]}}""");
    assertThat(out.at("/spec/containers/0/ports"))
        .isEqualTo(of("[{'containerPort':80,'name':'http'},{'containerPort':443,'name':'tls'},{'containerPort':8080}]"));
    assertThat(out.at("/spec/containers/0/env"))
        .isEqualTo(of("[{'name':'A','value':'1'},{'name':'B','value':'20'},{'name':'C','value':'3'}]"));
  }

  @Test
  void untaggedListsAreReplaced() throws Exception {
    JsonNode out = smp(POD, "{'spec':{'containers':[{'name':'side','args':['sleep','99']}]}}");
    assertThat(out.at("/spec/containers/1/args")).isEqualTo(of("['sleep','99']"));
  }

  @Test
  void patchDeleteRemovesListElementByKey() throws Exception {
    JsonNode out = smp(POD, """
        {'spec':{'containers':[{'name':'side','$patch':'delete'},
          {'name':'web','env':[{'name':'A','$patch':'delete'}],'ports':[{'containerPort':80,'$patch':'delete'}]}]}}""");
    assertThat(names(out.at("/spec/containers"))).containsExactly("web", "https", "B");
    assertThat(out.at("/spec/containers/0/env")).isEqualTo(of("[{'name':'B','value':'2'}]"));
    assertThat(out.at("/spec/containers/0/ports")).isEqualTo(of("[{'containerPort':443,'name':'https'}]"));
  }

  @Test
  void patchDeleteOfAbsentElementIsNoop() throws Exception {
    JsonNode out = smp(POD, "{'spec':{'containers':[{'name':'ghost','$patch':'delete'}]}}");
    assertThat(out).isEqualTo(POD);
  }

  @Test
  void patchReplaceOnListReplacesWholeList() throws Exception {
    JsonNode out = smp(POD, "{'spec':{'containers':[{'$patch':'replace'},{'name':'only','image':'i'}]}}");
    assertThat(out.at("/spec/containers")).isEqualTo(of("[{'name':'only','image':'i'}]"));
  }

  @Test
  void patchReplaceOnObjectReplacesIt() throws Exception {
    JsonNode out = smp(POD, "{'metadata':{'labels':{'$patch':'replace','only':'1'}}}");
    assertThat(out.at("/metadata/labels")).isEqualTo(of("{'only':'1'}"));
    assertThat(out.at("/metadata/name").asText()).isEqualTo("p");
  }

  @Test
  void patchReplaceOnAnyListElementReplacesTheWholeList() throws Exception {
    // As upstream's mergeSliceWithSpecialElements: one $patch: replace element switches the list to replace.
    JsonNode out = smp(POD, "{'spec':{'containers':[{'name':'web','image':'n','$patch':'replace'}]}}");
    assertThat(names(out.at("/spec/containers"))).doesNotContain("side");
    assertThat(out.at("/spec/containers/0/ports").isMissingNode()).isTrue();
    assertThat(out.toString()).doesNotContain("$patch");
  }

  @Test
  void patchDeleteOnObjectRemovesTheField() throws Exception {
    JsonNode out = smp(POD, "{'metadata':{'labels':{'$patch':'delete'}}}");
    assertThat(out.at("/metadata").has("labels")).isFalse();
    assertThat(out.at("/metadata/name").asText()).isEqualTo("p");
    assertThat(smp(POD, "{'$patch':'delete'}")).isEqualTo(of("{}"));
  }

  @Test
  void unknownDirectiveIsRejectedWithPath() {
    assertThatThrownBy(() -> smp(POD, "{'metadata':{'labels':{'$patch':'explode'}}}"))
        .isInstanceOf(PatchException.class)
        .hasMessage("unknown $patch directive \"explode\" at metadata.labels");
    assertThatThrownBy(() -> smp(POD, "{'$patch':'explode'}")).hasMessageContaining("at the top level");
  }

  @Test
  void setElementOrderReordersContainers() throws Exception {
    JsonNode out = smp(POD, "{'spec':{'$setElementOrder/containers':[{'name':'side'},{'name':'web'}],"
        + "'containers':[{'name':'web','image':'nginx:3'}]}}");
    assertThat(out.at("/spec/containers/0/name").asText()).isEqualTo("side");
    assertThat(out.at("/spec/containers/1/name").asText()).isEqualTo("web");
    assertThat(out.at("/spec/containers/1/image").asText()).isEqualTo("nginx:3");
  }

  @Test
  void setElementOrderOnPrimitiveList() throws Exception {
    JsonNode out = smp(POD, "{'metadata':{'$setElementOrder/finalizers':['b/y','c/z','a/x'],'finalizers':['c/z']}}");
    assertThat(out.at("/metadata/finalizers")).isEqualTo(of("['b/y','c/z','a/x']"));
  }

  @Test
  void finalizersMergeAsASet() throws Exception {
    JsonNode out = smp(POD, "{'metadata':{'finalizers':['b/y','c/z']}}");
    assertThat(out.at("/metadata/finalizers")).isEqualTo(of("['a/x','b/y','c/z']"));
  }

  @Test
  void deleteFromPrimitiveList() throws Exception {
    JsonNode out = smp(POD, "{'metadata':{'$deleteFromPrimitiveList/finalizers':['a/x','nope']}}");
    assertThat(out.at("/metadata/finalizers")).isEqualTo(of("['b/y']"));
  }

  @Test
  void retainKeysDropsUnlistedFields() throws Exception {
    JsonNode dep = of("{'spec':{'replicas':2,'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}}}}");
    JsonNode out = StrategicMergePatch.apply(dep, of("{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}}"), Deployment.class);
    assertThat(out.at("/spec/strategy")).isEqualTo(of("{'type':'Recreate'}"));
    assertThat(out.at("/spec/replicas").asInt()).isEqualTo(2);
  }

  @Test
  void retainKeysMustBeAList() {
    assertThatThrownBy(() -> StrategicMergePatch.apply(of("{}"), of("{'spec':{'strategy':{'$retainKeys':'type'}}}"), Deployment.class))
        .isInstanceOf(PatchException.class).hasMessage("$retainKeys must be a list at spec.strategy");
  }

  @Test
  void labelsMergeAsMapAndNullDeletes() throws Exception {
    JsonNode out = smp(POD, "{'metadata':{'labels':{'tier':null,'env':'prod'}}}");
    assertThat(out.at("/metadata/labels")).isEqualTo(of("{'app':'web','env':'prod'}"));
  }

  @Test
  void nullRemovesScalarAndObjectFields() throws Exception {
    JsonNode out = smp(POD, "{'spec':{'restartPolicy':null},'metadata':{'finalizers':null}}");
    assertThat(out.at("/spec").has("restartPolicy")).isFalse();
    assertThat(out.at("/metadata").has("finalizers")).isFalse();
  }

  @Test
  void keyedListElementWithoutKeyIsRejected() {
    assertThatThrownBy(() -> smp(POD, "{'spec':{'containers':[{'image':'x'}]}}"))
        .isInstanceOf(PatchException.class)
        .hasMessage("an element of the list at spec.containers lacks its merge key \"name\"");
    assertThatThrownBy(() -> smp(POD, "{'spec':{'containers':['x']}}"))
        .hasMessage("expected objects merged by \"name\" in the list at spec.containers");
  }

  @Test
  void servicePortsMergeByPort() throws Exception {
    JsonNode svc = of("{'spec':{'ports':[{'port':80,'targetPort':8080},{'port':443}]}}");
    JsonNode out = StrategicMergePatch.apply(svc, of("{'spec':{'ports':[{'port':80,'targetPort':9090},{'port':53,'protocol':'UDP'}]}}"),
        Service.class);
    assertThat(out.at("/spec/ports")).isEqualTo(of("[{'port':80,'targetPort':9090},{'port':443},{'port':53,'protocol':'UDP'}]"));
  }

  @Test
  void freeFormDataBehavesAsMergePatch() throws Exception {
    JsonNode cm = of("{'data':{'a':'1','b':'2'}}");
    JsonNode out = StrategicMergePatch.apply(cm, of("{'data':{'a':null,'c':'3'}}"), ConfigMap.class);
    assertThat(out).isEqualTo(of("{'data':{'b':'2','c':'3'}}"));
  }

  @Test
  void unknownModelReplacesListsLikeMergePatch() throws Exception {
    JsonNode out = StrategicMergePatch.apply(POD, of("{'spec':{'containers':[{'name':'z'}]}}"), null);
    assertThat(out.at("/spec/containers")).isEqualTo(of("[{'name':'z'}]"));
  }

  @Test
  void originalIsNotMutatedAndNonObjectPatchIsRejected() throws Exception {
    JsonNode before = POD.deepCopy();
    smp(POD, "{'spec':{'containers':[{'name':'web','image':'changed','$patch':'replace'}]},'metadata':{'labels':{'app':null}}}");
    assertThat(POD).isEqualTo(before);
    assertThatThrownBy(() -> StrategicMergePatch.apply(POD, of("[]"), Pod.class))
        .isInstanceOf(PatchException.class).hasMessage("a strategic merge patch must be an object");
  }

  @Test
  void directivesNeverLeakIntoTheResult() throws Exception {
    JsonNode out = smp(POD, """
        {'spec':{'containers':[{'name':'n','image':'i','env':[{'name':'E','value':'v'}]}],
          '$setElementOrder/containers':[{'name':'web'},{'name':'side'},{'name':'n'}]},
         'metadata':{'$deleteFromPrimitiveList/finalizers':['a/x']}}""");
    assertThat(out.toString()).doesNotContain("$");
    assertThat(names(out.at("/spec/containers"))).startsWith("web");
    assertThat(out.at("/spec/containers/2")).isEqualTo(of("{'name':'n','image':'i','env':[{'name':'E','value':'v'}]}"));
  }
}
