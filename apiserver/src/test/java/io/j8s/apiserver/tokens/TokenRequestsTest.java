package io.j8s.apiserver.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceType;
import io.j8s.apiserver.errors.ApiException;
import io.j8s.apiserver.store.ObjectStore;
import io.j8s.base.time.ManualClock;
import io.j8s.storage.Backend;
import io.j8s.storage.Backends;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TokenRequest subresource over a real (SQLite) store: defaults, binding, and each refusal's code and reason. */
class TokenRequestsTest {
  static final ObjectMapper M = new ObjectMapper();
  final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  final TokenIssuer issuer = new TokenIssuer(TokenValidatorTest.KEY, TokenIssuer.DEFAULT_ISSUER, List.of(TokenIssuer.DEFAULT_ISSUER), clock);
  @TempDir Path dir;
  Backend backend;
  ObjectStore store;
  TokenRequests requests;

  static ObjectNode json(String s) {
    try {
      return (ObjectNode) M.readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  void put(ResourceType t, String ns, String json) {
    ObjectNode o = json(json);
    store.create(t, ns, o.path("metadata").path("name").asText(), o);
  }

  @BeforeEach
  void setUp() {
    backend = Backends.open("sqlite:", dir);
    store = new ObjectStore(backend);
    requests = new TokenRequests(issuer, store);
    put(StoredObjects.SERVICE_ACCOUNTS, "team", "{'metadata':{'name':'robot','namespace':'team','uid':'sa-1'}}");
    put(StoredObjects.NODES, null, "{'metadata':{'name':'node-a','uid':'node-1'}}");
    put(StoredObjects.PODS, "team", "{'metadata':{'name':'web','namespace':'team','uid':'pod-1'},'spec':{'serviceAccountName':'robot','nodeName':'node-a'}}");
    put(StoredObjects.PODS, "team", "{'metadata':{'name':'alien','namespace':'team','uid':'pod-2'},'spec':{'serviceAccountName':'default'}}");
  }

  @AfterEach
  void tearDown() { backend.close(); }

  TokenValidator.Verdict validate(ObjectNode answer) {
    return issuer.validator(new StoredObjects(store)).validate(answer.path("status").path("token").asText());
  }

  @Test
  void defaultsAudienceAndLifetimeAndAnswersWithTokenAndExpiry() {
    ObjectNode a = requests.create("team", "robot", json("{'spec':{}}"));
    assertThat(a.path("kind").asText()).isEqualTo("TokenRequest");
    assertThat(a.path("apiVersion").asText()).isEqualTo("authentication.k8s.io/v1");
    assertThat(a.path("spec").path("audiences").get(0).asText()).isEqualTo(TokenIssuer.DEFAULT_ISSUER);
    assertThat(a.path("spec").path("expirationSeconds").asLong()).isEqualTo(3600);
    assertThat(a.path("status").path("expirationTimestamp").asText()).isEqualTo("2026-01-01T01:00:00Z");
    var v = (TokenValidator.Verdict.Valid) validate(a);
    assertThat(v.claims().pod()).isNull();
    assertThat(v.user().uid()).isEqualTo("sa-1");
  }

  @Test
  void aPodBoundTokenNamesThePodAndItsNode() {
    ObjectNode a = requests.create("team", "robot", json("{'spec':{'audiences':['vault','" + TokenIssuer.DEFAULT_ISSUER + "'],"
        + "'expirationSeconds':600,'boundObjectRef':{'kind':'Pod','apiVersion':'v1','name':'web','uid':'pod-1'}}}"));
    var v = (TokenValidator.Verdict.Valid) validate(a);
    assertThat(v.claims().pod()).isEqualTo(new TokenClaims.Ref("web", "pod-1"));
    assertThat(v.claims().node()).isEqualTo(new TokenClaims.Ref("node-a", "node-1"));
    assertThat(v.claims().audiences()).containsExactly("vault", TokenIssuer.DEFAULT_ISSUER);
    assertThat(v.claims().expiry() - v.claims().issuedAt()).isEqualTo(600);
  }

  @Test
  void secretAndNodeBindings() {
    put(StoredObjects.SECRETS, "team", "{'metadata':{'name':'s','namespace':'team','uid':'sec-1'}}");
    var s = (TokenValidator.Verdict.Valid) validate(requests.create("team", "robot", json("{'spec':{'boundObjectRef':{'kind':'Secret','name':'s'}}}")));
    assertThat(s.claims().secret()).isEqualTo(new TokenClaims.Ref("s", "sec-1"));
    var n = (TokenValidator.Verdict.Valid) validate(requests.create("team", "robot", json("{'spec':{'boundObjectRef':{'kind':'Node','name':'node-a'}}}")));
    assertThat(n.claims().node()).isEqualTo(new TokenClaims.Ref("node-a", "node-1"));
  }

  void refused(String ns, String sa, String body, int code, String reason, String message) {
    assertThatThrownBy(() -> requests.create(ns, sa, json(body))).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.reason()).isEqualTo(reason);
      assertThat(e.getMessage()).contains(message);
    });
  }

  @Test
  void refusalsCarryUpstreamsCodes() {
    refused("team", "nobody", "{'spec':{}}", 404, "NotFound", "serviceaccounts \"nobody\" not found");
    refused("team", "robot", "{'spec':{'expirationSeconds':599}}", 422, "Invalid", "may not specify a duration less than 10 minutes");
    refused("team", "robot", "{'spec':{'expirationSeconds':5000000000}}", 422, "Invalid", "larger than 2^32 seconds");
    refused("team", "robot", "{'spec':{'boundObjectRef':{'kind':'Pod'}}}", 422, "Invalid", "");
    refused("team", "robot", "{'spec':{'boundObjectRef':{'kind':'ConfigMap','name':'x'}}}", 400, "BadRequest", "cannot bind token for object of type");
    refused("team", "robot", "{'spec':{'boundObjectRef':{'kind':'Pod','apiVersion':'apps/v1','name':'web'}}}", 400, "BadRequest", "cannot bind");
    refused("team", "robot", "{'spec':{'boundObjectRef':{'kind':'Pod','name':'gone'}}}", 404, "NotFound", "pods \"gone\" not found");
    refused("team", "robot", "{'spec':{'boundObjectRef':{'kind':'Pod','name':'web','uid':'pod-9'}}}", 409, "Conflict", "does not match the UID");
    refused("team", "robot", "{'spec':{'boundObjectRef':{'kind':'Pod','name':'alien'}}}", 400, "BadRequest", "different serviceaccount");
    refused("team", "robot", "{'spec':{'boundObjectRef':{'kind':'Secret','name':'none'}}}", 404, "NotFound", "secrets \"none\" not found");
  }
}
