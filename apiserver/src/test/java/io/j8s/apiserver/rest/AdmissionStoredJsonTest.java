package io.j8s.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.j8s.api.registry.ResourceRegistry;
import io.j8s.api.registry.ResourceType;
import io.j8s.apiserver.store.Json;
import io.j8s.apiserver.store.ObjectStore;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The create path serializes the admitted model object straight to the stored JSON; that must be
 * byte for byte what going through the tree (the update path) stores.
 */
class AdmissionStoredJsonTest {
  private static void assertSameAsTree(String plural, String group, String version, String json) throws Exception {
    ResourceType t = ResourceRegistry.builtins().byPlural(group, version, plural).orElseThrow();
    ObjectNode obj = Json.parseObject(json.getBytes(StandardCharsets.UTF_8));
    HasMetadata viaTree = Admission.admit(t, obj.deepCopy(), null);
    String expected = new String(ObjectStore.encode(Admission.tree(viaTree)), StandardCharsets.UTF_8);
    String direct = new String(Admission.storedJson(Admission.admit(t, obj.deepCopy(), null)), StandardCharsets.UTF_8);
    assertThat(direct).isEqualTo(expected);
  }

  @Test
  void configMap() throws Exception {
    assertSameAsTree("configmaps", "", "v1", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\",\"namespace\":\"d\","
        + "\"resourceVersion\":\"12\",\"labels\":{\"z\":\"1\",\"a\":\"2\"},\"annotations\":{\"k\":\"{\\\"x\\\":1.50}\"}},"
        + "\"data\":{\"k\":\"v\\u00e9\"},\"binaryData\":{\"b\":\"AAE=\"}}");
  }

  @Test
  void podWithQuantitiesAndIntOrString() throws Exception {
    assertSameAsTree("pods", "", "v1", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"d\"},"
        + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\",\"resources\":{\"limits\":{\"cpu\":\"1.5\",\"memory\":\"1Gi\"},"
        + "\"requests\":{\"cpu\":\"500m\"}},\"ports\":[{\"containerPort\":80}],\"livenessProbe\":{\"httpGet\":{\"port\":\"http\",\"path\":\"/\"}},"
        + "\"readinessProbe\":{\"tcpSocket\":{\"port\":8080}}}],\"terminationGracePeriodSeconds\":10}}");
  }

  @Test
  void deploymentAndService() throws Exception {
    assertSameAsTree("deployments", "apps", "v1", "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"w\",\"namespace\":\"d\"},"
        + "\"spec\":{\"replicas\":2,\"selector\":{\"matchLabels\":{\"app\":\"w\"}},\"strategy\":{\"rollingUpdate\":{\"maxSurge\":\"25%\",\"maxUnavailable\":1}},"
        + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"w\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}}}");
    assertSameAsTree("services", "", "v1", "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"s\",\"namespace\":\"d\"},"
        + "\"spec\":{\"selector\":{\"app\":\"w\"},\"ports\":[{\"name\":\"a\",\"port\":80,\"targetPort\":\"http\"},{\"name\":\"b\",\"port\":81,\"targetPort\":8081}]}}");
  }
}
