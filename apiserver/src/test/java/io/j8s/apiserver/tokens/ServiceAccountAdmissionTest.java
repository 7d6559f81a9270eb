package io.j8s.apiserver.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ServiceAccountAdmissionTest {
  static final ObjectMapper M = new ObjectMapper();
  static final ObjectNode SA = json("{\"metadata\":{\"name\":\"default\"}}");

  static ObjectNode json(String s) {
    try {
      return (ObjectNode) M.readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode pod(String spec) { return json("{'metadata':{'name':'p'},'spec':" + spec + "}"); }

  @Test
  void defaultsTheAccountName() {
    ObjectNode p = pod("{'containers':[{'name':'c'}]}");
    assertThat(ServiceAccountAdmission.defaultName(p)).isEqualTo("default");
    assertThat(p.path("spec").path("serviceAccountName").asText()).isEqualTo("default");
    ObjectNode q = pod("{'serviceAccount':'old','containers':[]}");
    assertThat(ServiceAccountAdmission.defaultName(q)).isEqualTo("old");
    ObjectNode r = pod("{'serviceAccountName':'robot','containers':[]}");
    assertThat(ServiceAccountAdmission.defaultName(r)).isEqualTo("robot");
    assertThat(r.path("spec").path("serviceAccount").asText()).isEqualTo("robot");
  }

  @Test
  void mountsTheProjectedVolumeInEveryContainerAndInitContainer() {
    ObjectNode p = pod("{'initContainers':[{'name':'i'}],'containers':[{'name':'a','volumeMounts':[{'name':'x','mountPath':'/x'}]},{'name':'b'}],"
        + "'volumes':[{'name':'x','emptyDir':{}}]}");
    ServiceAccountAdmission.mount(p, SA, new Random(1));
    JsonNode vols = p.path("spec").path("volumes");
    assertThat(vols).hasSize(2);
    String name = vols.get(1).path("name").asText();
    assertThat(name).matches("kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}");
    assertThat(vols.get(1)).isEqualTo(ServiceAccountAdmission.volume(name));
    JsonNode sources = vols.get(1).path("projected").path("sources");
    assertThat(sources.get(0).path("serviceAccountToken").path("expirationSeconds").asLong()).isEqualTo(3607);
    assertThat(sources.get(0).path("serviceAccountToken").path("path").asText()).isEqualTo("token");
    assertThat(sources.get(1).path("configMap").path("name").asText()).isEqualTo("kube-root-ca.crt");
    assertThat(sources.get(1).path("configMap").path("items").get(0).path("key").asText()).isEqualTo("ca.crt");
    assertThat(sources.get(2).path("downwardAPI").path("items").get(0).path("fieldRef").path("fieldPath").asText()).isEqualTo("metadata.namespace");
    for (JsonNode c : new JsonNode[] {p.at("/spec/initContainers/0"), p.at("/spec/containers/0"), p.at("/spec/containers/1")}) {
      JsonNode m = c.path("volumeMounts").get(c.path("volumeMounts").size() - 1);
      assertThat(m.path("name").asText()).isEqualTo(name);
      assertThat(m.path("mountPath").asText()).isEqualTo("/var/run/secrets/kubernetes.io/serviceaccount");
      assertThat(m.path("readOnly").asBoolean()).isTrue();
    }
  }

  @Test
  void automountFalseOnThePodOrTheAccountMountsNothingAndThePodWins() {
    ObjectNode p = pod("{'automountServiceAccountToken':false,'containers':[{'name':'a'}]}");
    ServiceAccountAdmission.mount(p, SA, new Random(1));
    assertThat(p.path("spec").has("volumes")).isFalse();
    ObjectNode noAuto = json("{'metadata':{'name':'default'},'automountServiceAccountToken':false}");
    ObjectNode q = pod("{'containers':[{'name':'a'}]}");
    ServiceAccountAdmission.mount(q, noAuto, new Random(1));
    assertThat(q.path("spec").has("volumes")).isFalse();
    ObjectNode r = pod("{'automountServiceAccountToken':true,'containers':[{'name':'a'}]}");
    ServiceAccountAdmission.mount(r, noAuto, new Random(1));
    assertThat(r.path("spec").path("volumes")).hasSize(1);
  }

  @Test
  void containersWithSomethingAtTheTokenPathAreLeftAloneAndAnExistingTokenVolumeIsReused() {
    ObjectNode p = pod("{'containers':[{'name':'a','volumeMounts':[{'name':'mine','mountPath':'/var/run/secrets/kubernetes.io/serviceaccount'}]}],"
        + "'volumes':[{'name':'mine','emptyDir':{}}]}");
    ServiceAccountAdmission.mount(p, SA, new Random(1));
    assertThat(p.path("spec").path("volumes")).hasSize(1);
    assertThat(p.at("/spec/containers/0/volumeMounts")).hasSize(1);
    ObjectNode q = pod("{'containers':[{'name':'a'}],'volumes':[{'name':'kube-api-access-abcde','emptyDir':{}}]}");
    ServiceAccountAdmission.mount(q, SA, new Random(1));
    assertThat(q.path("spec").path("volumes")).hasSize(1);
    assertThat(q.at("/spec/containers/0/volumeMounts/0/name").asText()).isEqualTo("kube-api-access-abcde");
  }

  @Test
  void malformedSpecsAndMirrorPodsAreLeftForValidation() {
    ObjectNode p = pod("{'containers':'nope'}");
    ServiceAccountAdmission.mount(p, SA, new Random(1));
    assertThat(p.path("spec").has("volumes")).isFalse();
    ObjectNode bad = json("{'metadata':{'name':'p'},'spec':3}");
    assertThat(ServiceAccountAdmission.defaultName(bad)).isEqualTo("default");
    assertThat(bad.path("spec").asInt()).isEqualTo(3);
    ObjectNode mirror = json("{'metadata':{'name':'p','annotations':{'kubernetes.io/config.mirror':'x'}},'spec':{}}");
    assertThat(ServiceAccountAdmission.appliesTo(mirror)).isFalse();
  }
}
