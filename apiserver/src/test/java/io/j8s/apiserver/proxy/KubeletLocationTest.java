package io.j8s.apiserver.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.j8s.apiserver.errors.ApiException;
import io.j8s.apiserver.rest.RequestInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubeletLocationTest {
  static final ObjectMapper M = new ObjectMapper();

  static JsonNode json(String s) throws Exception { return M.readTree(s.replace('\'', '"')); }

  static JsonNode pod(String containers) throws Exception {
    return json("{'metadata':{'name':'web','namespace':'ns 1'},'spec':{'nodeName':'n1','containers':[" + containers + "],"
        + "'initContainers':[{'name':'init'}]}}");
  }

  @Test
  void logsTakeKubectlsQueryAsTheKubeletWantsIt() throws Exception {
    Map<String, List<String>> q = Map.of("container", List.of("main"), "follow", List.of("true"), "tailLines", List.of("10"),
        "sinceSeconds", List.of("60"), "timestamps", List.of("false"), "previous", List.of("true"), "limitBytes", List.of("5"),
        "pretty", List.of("true"));
    String p = KubeletLocation.podPath(pod("{'name':'main'},{'name':'side'}"), "log", q);
    assertThat(p).startsWith("/containerLogs/ns%201/web/main?")
        .contains("follow=true", "previous=true", "tailLines=10", "sinceSeconds=60", "limitBytes=5").doesNotContain("timestamps", "pretty");
  }

  @Test
  void theOnlyOrDefaultContainerIsImplied() throws Exception {
    assertThat(KubeletLocation.podPath(pod("{'name':'main'}"), "log", Map.of())).isEqualTo("/containerLogs/ns%201/web/main");
    JsonNode annotated = json("{'metadata':{'name':'web','namespace':'d','annotations':{'kubectl.kubernetes.io/default-container':'b'}},"
        + "'spec':{'containers':[{'name':'a'},{'name':'b'}]}}");
    assertThat(KubeletLocation.podPath(annotated, "log", Map.of())).isEqualTo("/containerLogs/d/web/b");
    assertThatThrownBy(() -> KubeletLocation.podPath(pod("{'name':'a'},{'name':'b'}"), "log", Map.of()))
        .hasMessage("a container name must be specified for pod web, choose one of: [a, b]");
    assertThatThrownBy(() -> KubeletLocation.podPath(pod("{'name':'a'}"), "exec", Map.of("container", List.of("x"), "command", List.of("ls"))))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400))
        .hasMessage("container x is not valid for pod web");
    assertThat(KubeletLocation.podPath(pod("{'name':'a'}"), "log", Map.of("container", List.of("init")))).endsWith("/web/init");
  }

  @Test
  void execAndAttachFlagsAndCommand() throws Exception {
    Map<String, List<String>> q = Map.of("command", List.of("sh", "-c", "echo a&b; exit 3"), "stdin", List.of("true"),
        "stdout", List.of("true"), "stderr", List.of("false"), "tty", List.of("true"));
    assertThat(KubeletLocation.podPath(pod("{'name':'main'}"), "exec", q))
        .isEqualTo("/exec/ns%201/web/main?command=sh&command=-c&command=echo%20a%26b%3B%20exit%203&stdin=1&stdout=1&tty=1");
    assertThat(KubeletLocation.podPath(pod("{'name':'main'}"), "attach", Map.of("stdout", List.of("1")))).isEqualTo("/attach/ns%201/web/main?stdout=1");
    assertThatThrownBy(() -> KubeletLocation.podPath(pod("{'name':'main'}"), "exec", Map.of()))
        .hasMessage("you must specify at least one command for the container");
    assertThat(KubeletLocation.podPath(pod("{'name':'main'}"), "portforward", Map.of("ports", List.of("8080", "9090"))))
        .isEqualTo("/portForward/ns%201/web?ports=8080&ports=9090");
  }

  @Test
  void nodeAddressAndPort() throws Exception {
    JsonNode node = json("{'metadata':{'name':'n1'},'status':{'addresses':[{'type':'Hostname','address':'n1'},"
        + "{'type':'InternalIP','address':'10.0.0.5'}],'daemonEndpoints':{'kubeletEndpoint':{'Port':12345}}}}");
    assertThat(KubeletLocation.of(node, "/healthz")).isEqualTo(new KubeletLocation("n1", "10.0.0.5", 12345, "/healthz"));
    JsonNode bare = json("{'metadata':{'name':'n2'},'status':{'addresses':[{'type':'Hostname','address':'n2'}]}}");
    assertThat(KubeletLocation.of(bare, "/")).isEqualTo(new KubeletLocation("n2", "n2", 10250, "/"));
    assertThatThrownBy(() -> KubeletLocation.of(json("{'metadata':{'name':'n3'}}"), "/"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(503)).hasMessageContaining("n3");
    assertThatThrownBy(() -> KubeletLocation.nodeOf(json("{'metadata':{'name':'p'},'spec':{}}")))
        .hasMessage("pod p does not have a host assigned");
  }

  @Test
  void nodeProxyPathsAreResourceRequests() {
    RequestInfo ri = RequestInfo.parse("/api/v1/nodes/n1/proxy/stats/summary");
    assertThat(ri.resource()).isTrue();
    assertThat(ri.plural()).isEqualTo("nodes");
    assertThat(ri.name()).isEqualTo("n1");
    assertThat(ri.sub()).isEqualTo("proxy");
    assertThat(RequestInfo.parse("/api/v1/namespaces/d/pods/p/log").sub()).isEqualTo("log");
    assertThat(RequestInfo.parse("/api/v1/nodes/n1/status/extra").resource()).isFalse();
  }
}
