package io.j8s.apiserver.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.TreeSet;

/**
 * One pod's edges in upstream's node authorizer graph: the node it is bound to and the
 * secrets, configmaps, PVCs and service account it uses (volumes, projected sources, env and
 * envFrom of every container kind, imagePullSecrets); a pod that names no service account uses
 * {@code default}.
 */
public record PodRefs(String namespace, String name, String nodeName, String serviceAccount, Set<String> secrets,
    Set<String> configMaps, Set<String> claims) {

  public PodRefs {
    secrets = Set.copyOf(secrets);
    configMaps = Set.copyOf(configMaps);
    claims = Set.copyOf(claims);
  }

  /** The refs of a stored pod. */
  public static PodRefs of(ObjectNode pod) {
    JsonNode spec = pod.path("spec");
    Set<String> secrets = new TreeSet<>();
    Set<String> configMaps = new TreeSet<>();
    Set<String> claims = new TreeSet<>();
    for (JsonNode s : spec.path("imagePullSecrets")) add(secrets, s.path("name"));
    for (JsonNode v : spec.path("volumes")) {
      add(secrets, v.path("secret").path("secretName"));
      add(configMaps, v.path("configMap").path("name"));
      add(claims, v.path("persistentVolumeClaim").path("claimName"));
      for (String driver : new String[] {"azureFile", "cephfs", "cinder", "flexVolume", "iscsi", "rbd", "scaleIO", "storageos", "csi"}) {
        JsonNode ref = v.path(driver).path("secretRef");
        if (ref.isMissingNode()) ref = v.path(driver).path("nodePublishSecretRef");
        add(secrets, ref.path("name"));
      }
      add(secrets, v.path("azureFile").path("secretName"));
      for (JsonNode src : v.path("projected").path("sources")) {
        add(secrets, src.path("secret").path("name"));
        add(configMaps, src.path("configMap").path("name"));
      }
    }
    for (String kind : new String[] {"initContainers", "containers", "ephemeralContainers"}) {
      for (JsonNode c : spec.path(kind)) {
        for (JsonNode from : c.path("envFrom")) {
          add(secrets, from.path("secretRef").path("name"));
          add(configMaps, from.path("configMapRef").path("name"));
        }
        for (JsonNode e : c.path("env")) {
          add(secrets, e.path("valueFrom").path("secretKeyRef").path("name"));
          add(configMaps, e.path("valueFrom").path("configMapKeyRef").path("name"));
        }
      }
    }
    String sa = spec.path("serviceAccountName").asText("");
    if (sa.isEmpty()) sa = spec.path("serviceAccount").asText("");
    if (sa.isEmpty()) sa = "default"; // what ServiceAccount admission puts there
    JsonNode meta = pod.path("metadata");
    return new PodRefs(meta.path("namespace").asText(""), meta.path("name").asText(""), spec.path("nodeName").asText(""), sa,
        secrets, configMaps, claims);
  }

  private static void add(Set<String> to, JsonNode name) {
    if (name.isTextual() && !name.asText().isEmpty()) to.add(name.asText());
  }
}
