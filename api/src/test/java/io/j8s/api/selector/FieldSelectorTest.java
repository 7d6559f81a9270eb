package io.j8s.api.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.j8s.api.selector.FieldSelector.Term;
import org.junit.jupiter.api.Test;

class FieldSelectorTest {
  static final ObjectMapper M = new ObjectMapper();

  static JsonNode json(String s) throws Exception { return M.readTree(s.replace('\'', '"')); }

  @Test
  void parsesEqualsDoubleEqualsAndNotEquals() throws Exception {
    FieldSelector f = FieldSelector.parse("metadata.name=x, metadata.namespace!=y ,status.phase==Running");
    assertThat(f.terms()).containsExactly(
        new Term("metadata.name", true, "x"),
        new Term("metadata.namespace", false, "y"),
        new Term("status.phase", true, "Running"));
    assertThat(f.requiredValue("metadata.name")).contains("x");
    assertThat(f.requiredValue("metadata.namespace")).isEmpty();
    assertThat(f.requiredValue("spec.nodeName")).isEmpty();
  }

  @Test
  void blankSelectsEverything() throws Exception {
    assertThat(FieldSelector.parse(null).terms()).isEmpty();
    assertThat(FieldSelector.parse(" ").terms()).isEmpty();
    assertThat(FieldSelector.parse(",,").terms()).isEmpty();
    assertThat(FieldSelector.parse("").matches(json("{}"))).isTrue();
  }

  @Test
  void termsWithoutOperatorOrFieldAreRejected() {
    assertThatThrownBy(() -> FieldSelector.parse("metadata.name")).isInstanceOf(SelectorException.class)
        .hasMessage("invalid selector: 'metadata.name'; can't understand 'metadata.name'");
    assertThatThrownBy(() -> FieldSelector.parse("a=b,=c")).hasMessageContaining("can't understand '=c'");
    assertThatThrownBy(() -> FieldSelector.parse("a=b,c")).hasMessage("invalid selector: 'c'; can't understand 'c'");
  }

  @Test
  void matchesAgainstJsonPaths() throws Exception {
    JsonNode pod = json("{'metadata':{'name':'p1','namespace':'ns'},'spec':{'nodeName':'n1'},'status':{'phase':'Running'}}");
    assertThat(FieldSelector.parse("metadata.name=p1").matches(pod)).isTrue();
    assertThat(FieldSelector.parse("metadata.name=p2").matches(pod)).isFalse();
    assertThat(FieldSelector.parse("metadata.namespace!=y").matches(pod)).isTrue();
    assertThat(FieldSelector.parse("metadata.namespace!=ns").matches(pod)).isFalse();
    assertThat(FieldSelector.parse("status.phase=Running,spec.nodeName=n1").matches(pod)).isTrue();
    assertThat(FieldSelector.parse("status.phase=Running,spec.nodeName=n2").matches(pod)).isFalse();
    assertThat(FieldSelector.parse("spec.nodeName=").matches(pod)).isFalse();
  }

  @Test
  void missingFieldsCompareAsEmptyExceptUnschedulable() throws Exception {
    JsonNode unscheduledPod = json("{'metadata':{'name':'p'},'spec':{}}");
    assertThat(FieldSelector.parse("spec.nodeName=").matches(unscheduledPod)).isTrue();
    assertThat(FieldSelector.parse("spec.nodeName!=").matches(unscheduledPod)).isFalse();
    JsonNode node = json("{'metadata':{'name':'n'},'spec':{}}");
    assertThat(FieldSelector.parse("spec.unschedulable=false").matches(node)).isTrue();
    assertThat(FieldSelector.parse("spec.unschedulable=true").matches(json("{'spec':{'unschedulable':true}}"))).isTrue();
    JsonNode nullPhase = json("{'status':{'phase':null}}");
    assertThat(FieldSelector.parse("status.phase=").matches(nullPhase)).isTrue();
  }

  @Test
  void nonStringValuesCompareByText() throws Exception {
    JsonNode rs = json("{'status':{'replicas':3}}");
    assertThat(FieldSelector.parse("status.replicas=3").matches(rs)).isTrue();
    assertThat(FieldSelector.parse("status.replicas!=0").matches(rs)).isTrue();
  }

  @Test
  void eventSourceMeansSourceComponent() throws Exception {
    JsonNode ev = json("{'source':{'component':'kubelet','host':'n1'},'involvedObject':{'kind':'Pod'}}");
    assertThat(FieldSelector.parse("source=kubelet,involvedObject.kind=Pod").matches(ev)).isTrue();
    assertThat(FieldSelector.parse("source=n1").matches(ev)).isFalse();
  }

  @Test
  void supportedFieldsPerKind() throws Exception {
    FieldSelector.parse("metadata.name=a,metadata.namespace=b").checkSupported("ConfigMap");
    FieldSelector.parse("status.phase=Running,spec.nodeName=n").checkSupported("Pod");
    FieldSelector.parse("type=kubernetes.io/tls").checkSupported("Secret");
    FieldSelector.parse("spec.unschedulable=true").checkSupported("Node");
    FieldSelector.parse("spec.type=ClusterIP").checkSupported("Service");
    FieldSelector.parse("involvedObject.name=x,reason=Failed").checkSupported("Event");
    assertThatThrownBy(() -> FieldSelector.parse("status.phase=Running").checkSupported("ConfigMap"))
        .isInstanceOf(SelectorException.class).hasMessage("field label not supported: status.phase");
    assertThatThrownBy(() -> FieldSelector.parse("metadata.name=a,spec.foo=b").checkSupported("Pod"))
        .hasMessage("field label not supported: spec.foo");
    assertThatThrownBy(() -> FieldSelector.parse("metadata.labels=a").checkSupported("Pod"))
        .hasMessage("field label not supported: metadata.labels");
    assertThatThrownBy(() -> FieldSelector.parse("type=Opaque").checkSupported("ConfigMap"))
        .hasMessage("field label not supported: type");
  }
}
