package io.j8s.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.j8s.api.registry.ResourceRegistry;
import io.j8s.api.registry.ResourceType;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiV3Test {
  static final OpenApiV3 API = new OpenApiV3(ResourceRegistry.builtins());
  static final JsonNode CORE = API.document("api/v1").orElseThrow();
  static final JsonNode APPS = API.document("apis/apps/v1").orElseThrow();

  static JsonNode schema(JsonNode doc, String name) {
    JsonNode s = doc.path("components").path("schemas").path(name);
    assertThat(s.isObject()).as("schema %s present", name).isTrue();
    return s;
  }

  static JsonNode prop(JsonNode doc, String schema, String property) {
    JsonNode p = schema(doc, schema).path("properties").path(property);
    assertThat(p.isObject()).as("%s.%s present", schema, property).isTrue();
    return p;
  }

  @Test
  void indexListsEveryGroupVersionWithTheHashOfItsBytes() throws Exception {
    JsonNode paths = API.index().get("paths");
    assertThat(paths.fieldNames()).toIterable().containsExactly("api/v1", "apis/apps/v1", "apis/discovery.k8s.io/v1",
        "apis/networking.k8s.io/v1", "apis/autoscaling/v2", "apis/autoscaling/v1", "apis/rbac.authorization.k8s.io/v1", "apis/authorization.k8s.io/v1",
        "apis/certificates.k8s.io/v1",
        "apis/coordination.k8s.io/v1", "apis/events.k8s.io/v1");
    byte[] bytes = API.documentBytes("apis/apps/v1").orElseThrow();
    String sha = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
    assertThat(API.hash("apis/apps/v1")).isEqualTo(sha);
    assertThat(paths.get("apis/apps/v1").get("serverRelativeURL").asText()).isEqualTo("/openapi/v3/apis/apps/v1?hash=" + sha);
  }

  @Test
  void documentsAreDeterministicAndCallersGetCopies() {
    OpenApiV3 other = new OpenApiV3(ResourceRegistry.builtins());
    assertThat(other.hash("api/v1")).isEqualTo(API.hash("api/v1"));
    JsonNode copy = API.document("api/v1").orElseThrow();
    ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove("paths");
    assertThat(API.document("api/v1").orElseThrow().has("paths")).isTrue();
    assertThat(API.document("/api/v1")).isPresent();
  }

  @Test
  void unknownGroupVersionsAreAbsent() {
    assertThat(API.document("apis/batch/v1")).isEmpty();
    assertThatThrownBy(() -> API.hash("apis/batch/v1")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apis/batch/v1").hasMessageContaining("api/v1");
  }

  @Test
  void kindSchemasCarryTheirGroupVersionKind() {
    assertThat(schema(CORE, "io.k8s.api.core.v1.Pod").get("x-kubernetes-group-version-kind").toString())
        .isEqualTo("[{\"group\":\"\",\"kind\":\"Pod\",\"version\":\"v1\"}]");
    assertThat(schema(APPS, "io.k8s.api.apps.v1.Deployment").get("x-kubernetes-group-version-kind").toString())
        .isEqualTo("[{\"group\":\"apps\",\"kind\":\"Deployment\",\"version\":\"v1\"}]");
    assertThat(schema(CORE, "io.k8s.api.core.v1.PodList").get("x-kubernetes-group-version-kind").get(0).get("kind").asText())
        .isEqualTo("PodList");
    assertThat(prop(CORE, "io.k8s.api.core.v1.PodList", "items").get("items").get("$ref").asText())
        .isEqualTo("#/components/schemas/io.k8s.api.core.v1.Pod");
    assertThat(schema(APPS, "io.k8s.api.autoscaling.v1.Scale").get("x-kubernetes-group-version-kind").get(0).get("group").asText())
        .isEqualTo("autoscaling");
    assertThat(schema(CORE, "io.k8s.api.core.v1.PodSpec").has("x-kubernetes-group-version-kind")).isFalse();
    assertThat(prop(CORE, "io.k8s.api.core.v1.Pod", "metadata").get("description").asText()).contains("metadata");
    assertThat(prop(CORE, "io.k8s.api.core.v1.PodCondition", "status").has("description")).isFalse();
  }

  @Test
  void mergeListsCarryStrategicMergeExtensions() {
    JsonNode containers = prop(CORE, "io.k8s.api.core.v1.PodSpec", "containers");
    assertThat(containers.get("type").asText()).isEqualTo("array");
    assertThat(containers.get("x-kubernetes-patch-merge-key").asText()).isEqualTo("name");
    assertThat(containers.get("x-kubernetes-patch-strategy").asText()).isEqualTo("merge");
    assertThat(containers.get("x-kubernetes-list-type").asText()).isEqualTo("map");
    assertThat(containers.get("x-kubernetes-list-map-keys").toString()).isEqualTo("[\"name\"]");
    assertThat(containers.get("items").get("$ref").asText()).isEqualTo("#/components/schemas/io.k8s.api.core.v1.Container");

    assertThat(prop(CORE, "io.k8s.api.core.v1.PodSpec", "volumes").get("x-kubernetes-patch-strategy").asText())
        .isEqualTo("merge,retainKeys");
    assertThat(prop(CORE, "io.k8s.api.core.v1.Container", "ports").get("x-kubernetes-patch-merge-key").asText())
        .isEqualTo("containerPort");
    assertThat(prop(CORE, "io.k8s.api.core.v1.ServiceSpec", "ports").get("x-kubernetes-patch-merge-key").asText()).isEqualTo("port");
    JsonNode finalizers = prop(CORE, "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "finalizers");
    assertThat(finalizers.get("x-kubernetes-patch-strategy").asText()).isEqualTo("merge");
    assertThat(finalizers.get("x-kubernetes-list-type").asText()).isEqualTo("set");
    assertThat(finalizers.has("x-kubernetes-patch-merge-key")).isFalse();
    JsonNode tolerations = prop(CORE, "io.k8s.api.core.v1.PodSpec", "tolerations");
    assertThat(tolerations.has("x-kubernetes-patch-strategy")).isFalse();
    assertThat(prop(APPS, "io.k8s.api.apps.v1.DeploymentSpec", "strategy").get("x-kubernetes-patch-strategy").asText())
        .isEqualTo("retainKeys");
  }

  @Test
  void scalarsFollowUpstreamNamedTypes() {
    JsonNode limits = prop(CORE, "io.k8s.api.core.v1.ResourceRequirements", "limits");
    assertThat(limits.get("type").asText()).isEqualTo("object");
    assertThat(limits.get("additionalProperties").get("$ref").asText())
        .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity");
    assertThat(schema(CORE, "io.k8s.apimachinery.pkg.api.resource.Quantity").get("oneOf").toString())
        .isEqualTo("[{\"type\":\"string\"},{\"type\":\"number\"}]");

    JsonNode port = prop(CORE, "io.k8s.api.core.v1.HTTPGetAction", "port");
    assertThat(port.get("allOf").get(0).get("$ref").asText()).endsWith("io.k8s.apimachinery.pkg.util.intstr.IntOrString");
    assertThat(schema(CORE, "io.k8s.apimachinery.pkg.util.intstr.IntOrString").get("x-kubernetes-int-or-string").asBoolean()).isTrue();

    assertThat(prop(CORE, "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "creationTimestamp").get("allOf").get(0).get("$ref").asText())
        .endsWith("io.k8s.apimachinery.pkg.apis.meta.v1.Time");
    JsonNode time = schema(CORE, "io.k8s.apimachinery.pkg.apis.meta.v1.Time");
    assertThat(time.get("type").asText() + "/" + time.get("format").asText()).isEqualTo("string/date-time");
    assertThat(prop(CORE, "io.k8s.api.core.v1.Event", "eventTime").get("allOf").get(0).get("$ref").asText())
        .endsWith("io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime");
    JsonNode lease = API.document("apis/coordination.k8s.io/v1").orElseThrow();
    assertThat(prop(lease, "io.k8s.api.coordination.v1.LeaseSpec", "renewTime").get("allOf").get(0).get("$ref").asText())
        .endsWith("MicroTime");

    JsonNode containerPort = prop(CORE, "io.k8s.api.core.v1.ContainerPort", "containerPort");
    assertThat(containerPort.get("type").asText() + "/" + containerPort.get("format").asText()).isEqualTo("integer/int32");
    JsonNode grace = prop(CORE, "io.k8s.api.core.v1.PodSpec", "terminationGracePeriodSeconds");
    assertThat(grace.get("format").asText()).isEqualTo("int64");
    assertThat(prop(CORE, "io.k8s.api.core.v1.ConfigMap", "data").get("additionalProperties").get("type").asText()).isEqualTo("string");
    assertThat(prop(CORE, "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "labels").get("additionalProperties").get("type").asText())
        .isEqualTo("string");
    assertThat(schema(CORE, "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1").has("properties")).isFalse();
  }

  @Test
  void everyReferenceResolvesWithinItsDocument() {
    for (String gv : API.groupVersionPaths()) {
      JsonNode doc = API.document(gv).orElseThrow();
      List<String> refs = new ArrayList<>();
      collectRefs(doc, refs);
      assertThat(refs).as(gv).isNotEmpty();
      for (String ref : refs) {
        assertThat(ref).startsWith("#/components/schemas/");
        assertThat(doc.get("components").get("schemas").has(ref.substring("#/components/schemas/".length())))
            .as("%s resolves in %s", ref, gv).isTrue();
      }
    }
  }

  private static void collectRefs(JsonNode n, List<String> out) {
    if (n.isObject()) {
      n.fields().forEachRemaining(e -> {
        if (e.getKey().equals("$ref")) out.add(e.getValue().asText());
        else collectRefs(e.getValue(), out);
      });
    } else if (n.isArray()) {
      n.forEach(c -> collectRefs(c, out));
    }
  }

  @Test
  void everyServedKindHasPatchOperationsDeclaringFieldValidation() {
    for (Map.Entry<String, List<ResourceType>> e : ResourceRegistry.builtins().byGroupVersion().entrySet()) {
      String gv = e.getKey().contains("/") ? "apis/" + e.getKey() : "api/" + e.getKey();
      JsonNode doc = API.document(gv).orElseThrow();
      for (ResourceType t : e.getValue()) {
        int patches = 0;
        for (JsonNode path : doc.get("paths")) {
          JsonNode patch = path.path("patch");
          if (!patch.isObject()) continue;
          JsonNode g = patch.get("x-kubernetes-group-version-kind");
          if (!g.get("kind").asText().equals(t.kind()) || !g.get("group").asText().equals(t.group())) continue;
          patches++;
          List<String> names = new ArrayList<>();
          patch.get("parameters").forEach(p -> names.add(p.get("name").asText()));
          assertThat(names).as("%s PATCH parameters", t.kind()).contains("fieldValidation", "fieldManager", "dryRun", "force");
          assertThat(patch.get("requestBody").get("content").fieldNames()).toIterable().containsExactlyInAnyOrder(
              "application/json-patch+json", "application/merge-patch+json",
              "application/strategic-merge-patch+json", "application/apply-patch+yaml");
        }
        assertThat(patches).as("PATCH operations for %s in %s", t.kind(), gv).isGreaterThanOrEqualTo(1);
      }
    }
  }

  @Test
  void pathsCoverEachResourceScope() {
    JsonNode paths = CORE.get("paths");
    JsonNode pod = paths.get("/api/v1/namespaces/{namespace}/pods/{name}");
    assertThat(pod.fieldNames()).toIterable().contains("get", "put", "patch", "delete", "parameters");
    assertThat(pod.get("get").get("operationId").asText()).isEqualTo("readCoreV1NamespacedPod");
    assertThat(pod.get("get").get("responses").get("200").get("content").get("application/json").get("schema").get("$ref").asText())
        .isEqualTo("#/components/schemas/io.k8s.api.core.v1.Pod");
    assertThat(paths.get("/api/v1/namespaces/{namespace}/pods").fieldNames()).toIterable().contains("get", "post", "delete");
    assertThat(paths.get("/api/v1/pods").get("get").get("operationId").asText()).isEqualTo("listCoreV1PodForAllNamespaces");
    assertThat(paths.get("/api/v1/nodes/{name}").get("patch").get("operationId").asText()).isEqualTo("patchCoreV1Node");
    assertThat(paths.has("/api/v1/namespaces/{namespace}/nodes")).isFalse();
    assertThat(paths.get("/api/v1/namespaces/{namespace}/pods/{name}/status").get("patch")
        .get("x-kubernetes-group-version-kind").get("kind").asText()).isEqualTo("Pod");
    JsonNode scale = APPS.get("paths").get("/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale").get("patch");
    assertThat(scale.get("x-kubernetes-group-version-kind").toString())
        .isEqualTo("{\"group\":\"autoscaling\",\"kind\":\"Scale\",\"version\":\"v1\"}");
    JsonNode rbac = API.document("apis/rbac.authorization.k8s.io/v1").orElseThrow();
    assertThat(rbac.get("paths").get("/apis/rbac.authorization.k8s.io/v1/clusterroles/{name}").get("get").get("operationId").asText())
        .isEqualTo("readRbacAuthorizationV1ClusterRole");
  }

  @Test
  void schemaNamesMapFabric8PackagesToUpstreamNames() {
    assertThat(SchemaNames.of(io.fabric8.kubernetes.api.model.Pod.class)).isEqualTo("io.k8s.api.core.v1.Pod");
    assertThat(SchemaNames.of(io.fabric8.kubernetes.api.model.ObjectMeta.class)).isEqualTo("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    assertThat(SchemaNames.of(io.fabric8.kubernetes.api.model.apps.Deployment.class)).isEqualTo("io.k8s.api.apps.v1.Deployment");
    assertThat(SchemaNames.of(io.fabric8.kubernetes.api.model.rbac.Role.class)).isEqualTo("io.k8s.api.rbac.v1.Role");
    assertThat(SchemaNames.of(io.fabric8.kubernetes.api.model.networking.v1.Ingress.class)).isEqualTo("io.k8s.api.networking.v1.Ingress");
    assertThat(SchemaNames.of(io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class))
        .isEqualTo("io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler");
    assertThat(SchemaNames.of(io.fabric8.kubernetes.api.model.Quantity.class)).isEqualTo("io.k8s.apimachinery.pkg.api.resource.Quantity");
    assertThatThrownBy(() -> SchemaNames.of(String.class)).hasMessageContaining("java.lang.String");
  }
}
