package io.j8s.apiserver.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceRegistry;
import io.j8s.apiserver.auth.UserInfo;
import io.j8s.apiserver.errors.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeRestrictionTest {
  static final ResourceRegistry REG = ResourceRegistry.builtins();

  static ObjectNode json(String s) throws Exception { return (ObjectNode) new ObjectMapper().readTree(s); }

  @Test
  void aNodeWritesOnlyItsOwnNodeAndLease() throws Exception {
    assertThat(NodeRestriction.problem("a", "", "nodes", json("{\"metadata\":{\"name\":\"a\"}}"), null)).isNull();
    assertThat(NodeRestriction.problem("a", "", "nodes", json("{\"metadata\":{\"name\":\"b\"}}"), null))
        .isEqualTo("node \"a\" is not allowed to modify node \"b\"");
    assertThat(NodeRestriction.problem("a", "coordination.k8s.io", "leases", json("{\"metadata\":{\"name\":\"a\"}}"), null)).isNull();
    assertThat(NodeRestriction.problem("a", "coordination.k8s.io", "leases", json("{\"metadata\":{\"name\":\"b\"}}"), null)).isNotNull();
    assertThat(NodeRestriction.problem("a", "", "events", json("{\"metadata\":{\"name\":\"x\"}}"), null)).isNull();
  }

  @Test
  void aNodeCreatesOnlyPlainMirrorPodsBoundToItself() throws Exception {
    String mirror = "{\"metadata\":{\"name\":\"m\",\"annotations\":{\"kubernetes.io/config.mirror\":\"x\"}},\"spec\":{\"nodeName\":\"%s\"%s}}";
    assertThat(NodeRestriction.problem("a", "", "pods", json(mirror.formatted("a", "")), null)).isNull();
    assertThat(NodeRestriction.problem("a", "", "pods", json(mirror.formatted("b", "")), null)).contains("spec.nodeName");
    assertThat(NodeRestriction.problem("a", "", "pods", json("{\"metadata\":{\"name\":\"p\"},\"spec\":{\"nodeName\":\"a\"}}"), null))
        .contains("can only create mirror pods");
    assertThat(NodeRestriction.problem("a", "", "pods",
        json(mirror.formatted("a", ",\"volumes\":[{\"name\":\"v\",\"secret\":{\"secretName\":\"s\"}}]")), null)).contains("secrets");
    assertThat(NodeRestriction.problem("a", "", "pods", json(mirror.formatted("a", ",\"serviceAccountName\":\"x\"")), null))
        .contains("service account");
    assertThat(NodeRestriction.problem("a", "", "pods", json(mirror.formatted("a", "")), json("{}"))).contains("only update pod status");
  }

  @Test
  void theGuardAnswers403OnlyForNodes() throws Exception {
    NodeRestriction g = new NodeRestriction();
    var nodes = REG.byPlural("", "v1", "nodes").orElseThrow();
    UserInfo a = new UserInfo("system:node:a", List.of("system:nodes"));
    assertThatThrownBy(() -> g.check(a, nodes, null, json("{\"metadata\":{\"name\":\"b\"}}"), null))
        .isInstanceOf(ApiException.class).hasMessage("nodes \"b\" is forbidden: node \"a\" is not allowed to modify node \"b\"")
        .extracting(e -> ((ApiException) e).code()).isEqualTo(403);
    g.check(new UserInfo("alice", List.of()), nodes, null, json("{\"metadata\":{\"name\":\"b\"}}"), null);
  }
}
