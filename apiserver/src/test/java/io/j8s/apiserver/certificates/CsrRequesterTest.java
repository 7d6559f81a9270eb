package io.j8s.apiserver.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceRegistry;
import io.j8s.apiserver.auth.UserInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsrRequesterTest {
  static final io.j8s.api.registry.ResourceType CSRS = ResourceRegistry.builtins().byPlural("certificates.k8s.io", "v1", "certificatesigningrequests").orElseThrow();

  static ObjectNode json(String s) throws Exception { return (ObjectNode) new ObjectMapper().readTree(s); }

  @Test
  void theRequesterIsWhoAskedNotWhatTheBodySays() throws Exception {
    ObjectNode csr = json("{\"metadata\":{\"name\":\"c\"},\"spec\":{\"username\":\"system:admin\",\"groups\":[\"system:masters\"],"
        + "\"extra\":{\"x\":[\"y\"]},\"uid\":\"forged\",\"signerName\":\"s\"}}");
    UserInfo u = new UserInfo("system:bootstrap:j8s", "", List.of("system:bootstrappers", "system:authenticated"), Map.of());
    new CsrRequester().check(u, CSRS, null, csr, null);
    assertThat(csr.at("/spec/username").asText()).isEqualTo("system:bootstrap:j8s");
    assertThat(csr.at("/spec/groups").toString()).isEqualTo("[\"system:bootstrappers\",\"system:authenticated\"]");
    assertThat(csr.at("/spec").has("uid")).isFalse();
    assertThat(csr.at("/spec").has("extra")).isFalse();
    assertThat(csr.at("/spec/signerName").asText()).isEqualTo("s");
  }

  @Test
  void theSpecCannotChangeAfterCreation() throws Exception {
    ObjectNode old = json("{\"metadata\":{\"name\":\"c\"},\"spec\":{\"username\":\"a\",\"signerName\":\"s\"}}");
    ObjectNode next = json("{\"metadata\":{\"name\":\"c\",\"labels\":{\"l\":\"v\"}},\"spec\":{\"username\":\"b\",\"signerName\":\"t\"}}");
    new CsrRequester().check(new UserInfo("b", List.of()), CSRS, null, next, old);
    assertThat(next.get("spec")).isEqualTo(old.get("spec"));
    assertThat(next.at("/metadata/labels/l").asText()).isEqualTo("v");
  }
}
