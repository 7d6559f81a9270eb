package io.j8s.api.fields;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

class UnknownFieldsTest {
  static final ObjectMapper M = new ObjectMapper();

  static JsonNode json(String s) {
    try {
      return M.readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static final JsonNode POD = json("""
      {'apiVersion':'v1','kind':'Pod','bogus':1,
       'metadata':{'name':'p','labels':{'any.key/x':'v'},'annotations':{'a':'b'},'nmae':'typo'},
       'spec':{'containers':[
           {'name':'a','image':'i','imagePullPolice':'Always','resources':{'limits':{'cpu':'1','made-up.io/gpu':'2'}}},
           {'name':'b','image':'i','ports':[{'containerPort':80,'hostPortt':8080}],
            'env':[{'name':'X','valueFrom':{'fieldRef':{'fieldPath':'metadata.name','extra':true}}}]}],
         'nodeSelector':{'kubernetes.io/os':'linux'},
         'volumes':[{'name':'v','emptyDir':{},'configMap':{'name':'c','itemz':[]}}]},
       'status':{'phase':'Running','conditions':[{'type':'Ready','status':'True','why':'?'}]}}
      """);

  @Test
  void findsUnknownFieldsInDocumentOrder() {
    assertThat(UnknownFields.find(POD, Pod.class)).containsExactly(
        ".bogus",
        ".metadata.nmae",
        ".spec.containers[0].imagePullPolice",
        ".spec.containers[1].ports[0].hostPortt",
        ".spec.containers[1].env[0].valueFrom.fieldRef.extra",
        ".spec.volumes[0].configMap.itemz",
        ".status.conditions[0].why");
  }

  @Test
  void knownObjectsHaveNone() {
    JsonNode ok = json("""
        {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'d','finalizers':['x'],
          'managedFields':[{'manager':'m','fieldsV1':{'f:spec':{'f:replicas':{}}}}]},
         'spec':{'replicas':2,'selector':{'matchLabels':{'app':'d'}},
           'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':'25%','maxUnavailable':1}},
           'template':{'metadata':{'labels':{'app':'d'}},'spec':{'containers':[{'name':'c','image':'i',
              'livenessProbe':{'httpGet':{'port':'http','path':'/'}}}]}}}}
        """);
    assertThat(UnknownFields.find(ok, Deployment.class)).isEmpty();
  }

  @Test
  void freeFormMapsAcceptAnything() {
    JsonNode cm = json("{'kind':'ConfigMap','data':{'weird key':'v','x.y':'z'},'binaryData':{'b':'AAA='}}");
    assertThat(UnknownFields.find(cm, ConfigMap.class)).isEmpty();
    JsonNode unknownTop = json("{'kind':'ConfigMap','datta':{}}");
    assertThat(UnknownFields.find(unknownTop, ConfigMap.class)).containsExactly(".datta");
  }

  @Test
  void wrongTypesAreLeftToOtherValidation() {
    JsonNode pod = json("{'spec':{'containers':'not-a-list','volumes':[1,null,{'name':'v','nope':1}]},'metadata':null}");
    assertThat(UnknownFields.find(pod, Pod.class)).containsExactly(".spec.volumes[2].nope");
  }

  @Test
  void pruneDropsExactlyTheUnknownFieldsAndLeavesTheInputAlone() {
    String before = POD.toString();
    JsonNode pruned = UnknownFields.prune(POD, Pod.class);
    assertThat(POD.toString()).isEqualTo(before);
    assertThat(UnknownFields.find(pruned, Pod.class)).isEmpty();
    assertThat(pruned.path("bogus").isMissingNode()).isTrue();
    assertThat(pruned.at("/spec/containers/0/image").asText()).isEqualTo("i");
    assertThat(pruned.at("/spec/containers/0").has("imagePullPolice")).isFalse();
    assertThat(pruned.at("/spec/containers/0/resources/limits/made-up.io~1gpu").asText()).isEqualTo("2");
    assertThat(pruned.at("/spec/containers/1/env/0/valueFrom/fieldRef").toString())
        .isEqualTo("{\"fieldPath\":\"metadata.name\"}");
    assertThat(pruned.at("/metadata/labels").toString()).isEqualTo("{\"any.key/x\":\"v\"}");
  }

  @Test
  void messagesReadLikeUpstream() {
    assertThat(UnknownFields.message(".spec.containers[0].imagePullPolice"))
        .isEqualTo("unknown field \"spec.containers[0].imagePullPolice\"");
  }
}
