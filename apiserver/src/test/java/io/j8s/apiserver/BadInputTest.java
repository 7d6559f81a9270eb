package io.j8s.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.testkit.server.RunningServer;
import io.j8s.testkit.server.WithJ8sServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every kind of bad request gets the right Status, and nothing is stored. */
@Tag("integration")
@WithJ8sServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
  static final String CMS = "/api/v1/namespaces/default/configmaps";
  RawApi api;

  @BeforeAll
  void connect(RunningServer server) throws Exception {
    api = new RawApi(server.url(), server.dataDir());
  }

  private void assertStatus(RawApi.Response r, int code, String reason) {
    assertThat(r.code()).as(r.body()).isEqualTo(code);
    assertThat(r.json().path("kind").asText()).isEqualTo("Status");
    assertThat(r.json().path("status").asText()).isEqualTo("Failure");
    assertThat(r.json().path("reason").asText()).isEqualTo(reason);
    assertThat(r.json().path("code").asInt()).isEqualTo(code);
  }

  private void assertAbsent(String name) throws Exception {
    assertThat(api.get(CMS + "/" + name).code()).isEqualTo(404);
  }

  @Test
  void malformedJsonIs400() throws Exception {
    assertStatus(api.send("POST", CMS, "application/json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"m1\""), 400, "BadRequest");
    assertAbsent("m1");
  }

  @Test
  void malformedYamlIs400() throws Exception {
    assertStatus(api.send("POST", CMS, "application/yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: y1\n  - ["), 400, "BadRequest");
    assertAbsent("y1");
  }

  @Test
  void invalidObjectIs422WithOneCausePerField() throws Exception {
    RawApi.Response r = api.send("POST", "/api/v1/namespaces/default/pods", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p1\"},\"spec\":{\"containers\":[{\"name\":\"Bad_Name\"},{\"name\":\"ok\",\"image\":\"x\"}]}}");
    assertStatus(r, 422, "Invalid");
    assertThat(r.json().path("details").path("causes").findValuesAsText("field"))
        .contains("spec.containers[0].name", "spec.containers[0].image");
    assertThat(api.get("/api/v1/namespaces/default/pods/p1").code()).isEqualTo(404);
  }

  @Test
  void unknownFieldUnderStrictIs400() throws Exception {
    assertStatus(api.send("POST", CMS + "?fieldValidation=Strict", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"s1\"},\"dta\":{}}"), 400, "BadRequest");
    assertAbsent("s1");
  }

  @Test
  void duplicateFieldUnderStrictIs400() throws Exception {
    assertStatus(api.send("POST", CMS + "?fieldValidation=Strict", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"d1\",\"name\":\"d2\"}}"), 400, "BadRequest");
    assertAbsent("d1");
    assertAbsent("d2");
  }

  @Test
  void staleResourceVersionIs409AndKeepsTheNewerState() throws Exception {
    RawApi.Response created = api.send("POST", CMS, "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c1\"},\"data\":{\"v\":\"1\"}}");
    assertThat(created.code()).as(created.body()).isEqualTo(201);
    String rv = created.json().path("metadata").path("resourceVersion").asText();
    RawApi.Response first = api.send("PUT", CMS + "/c1", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c1\",\"resourceVersion\":\"" + rv + "\"},\"data\":{\"v\":\"2\"}}");
    assertThat(first.code()).as(first.body()).isEqualTo(200);
    assertStatus(api.send("PUT", CMS + "/c1", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c1\",\"resourceVersion\":\"" + rv + "\"},\"data\":{\"v\":\"3\"}}"), 409, "Conflict");
    assertThat(api.get(CMS + "/c1").json().path("data").path("v").asText()).isEqualTo("2");
  }

  @Test
  void existingNameIs409AlreadyExists() throws Exception {
    String body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"twice\"},\"data\":{\"v\":\"1\"}}";
    assertThat(api.send("POST", CMS, "application/json", body).code()).isEqualTo(201);
    assertStatus(api.send("POST", CMS, "application/json", body.replace("\"1\"", "\"2\"")), 409, "AlreadyExists");
    assertThat(api.get(CMS + "/twice").json().path("data").path("v").asText()).isEqualTo("1");
  }

  @Test
  void wrongContentTypeIs415() throws Exception {
    assertStatus(api.send("POST", CMS, "text/plain", "hello"), 415, "UnsupportedMediaType");
    assertStatus(api.send("PATCH", CMS + "/x", "application/json", "{}"), 415, "UnsupportedMediaType");
  }

  @Test
  void oversizedBodyIs413() throws Exception {
    byte[] big = new byte[4 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'a');
    String head = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"big\"},\"data\":{\"v\":\"";
    System.arraycopy(head.getBytes(), 0, big, 0, head.length());
    RawApi.Response r = api.send("POST", CMS, "application/json", big, true);
    assertThat(r.code()).isEqualTo(413);
    assertAbsent("big");
  }

  @Test
  void missingOrBadCredentialsAre401() throws Exception {
    RawApi.Response r = api.send("GET", CMS, null, null, false);
    assertStatus(r, 401, "Unauthorized");
  }

  @Test
  void protobufOnlyIs406() throws Exception {
    assertStatus(api.getWith(CMS, "Accept", "application/vnd.kubernetes.protobuf"), 406, "NotAcceptable");
  }

  @Test
  void unknownResourceIs404() throws Exception {
    assertStatus(api.get("/api/v1/namespaces/default/widgets"), 404, "NotFound");
  }

  @Test
  void terminatingNamespaceRefusesNewContent() throws Exception {
    assertThat(api.send("POST", "/api/v1/namespaces", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"going\"}}").code()).isEqualTo(201);
    assertThat(api.send("DELETE", "/api/v1/namespaces/going", null, null).code()).isEqualTo(200);
    RawApi.Response r = api.send("POST", "/api/v1/namespaces/going/configmaps", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"late\"}}");
    assertStatus(r, 403, "Forbidden");
    assertThat(r.json().path("message").asText()).contains("being terminated");
  }

  @Test
  void missingNamespaceRefusesNewContent() throws Exception {
    RawApi.Response r = api.send("POST", "/api/v1/namespaces/nowhere/configmaps", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"lost\"}}");
    assertStatus(r, 404, "NotFound");
    assertThat(r.json().path("details").path("kind").asText()).isEqualTo("namespaces");
  }

  @Test
  void namespaceTakesContentAtOnceAndRefusesItAtOnceWhenDeleted() throws Exception {
    for (int i = 0; i < 5; i++) {
      String ns = "brief-" + i;
      assertThat(api.send("POST", "/api/v1/namespaces", "application/json",
          "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}").code()).isEqualTo(201);
      assertThat(api.send("POST", "/api/v1/namespaces/" + ns + "/configmaps", "application/json",
          "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"first\"}}").code()).isEqualTo(201);
      assertThat(api.send("DELETE", "/api/v1/namespaces/" + ns, null, null).code()).isEqualTo(200);
      assertStatus(api.send("POST", "/api/v1/namespaces/" + ns + "/configmaps", "application/json",
          "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"late\"}}"), 403, "Forbidden");
    }
  }
}
