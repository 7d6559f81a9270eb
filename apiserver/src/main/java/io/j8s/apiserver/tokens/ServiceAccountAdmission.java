package io.j8s.apiserver.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.random.RandomGenerator;

/**
 * Upstream's ServiceAccount admission plugin for new pods, on the pod's JSON: {@link #defaultName}
 * sets {@code spec.serviceAccountName} (default {@code default}); once the account is known to
 * exist, {@link #mount} adds, unless automounting is off (the pod's
 * {@code automountServiceAccountToken}, else the account's), the {@code kube-api-access-<5>}
 * projected volume (a bound token of 3607 s at {@code token}, {@code ca.crt} from the
 * {@code kube-root-ca.crt} ConfigMap, the {@code namespace} from the downward API), mounted
 * read-only at {@value #MOUNT_PATH} in every init and app container that has nothing mounted there.
 * Mirror pods are left alone.
 */
public final class ServiceAccountAdmission {
  public static final String DEFAULT_ACCOUNT = "default";
  public static final String VOLUME_PREFIX = "kube-api-access-";
  public static final String MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
  public static final String ROOT_CA_CONFIGMAP = "kube-root-ca.crt";
  public static final long TOKEN_SECONDS = 3607;
  static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";
  private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private ServiceAccountAdmission() {}

  /** Whether the plugin acts on this pod at all (not on mirror pods). */
  public static boolean appliesTo(ObjectNode pod) {
    return !pod.path("metadata").path("annotations").has(MIRROR_ANNOTATION);
  }

  /** Defaults {@code spec.serviceAccountName} (from the deprecated {@code serviceAccount}, else "default") and returns it. */
  public static String defaultName(ObjectNode pod) {
    if (pod.has("spec") && !pod.get("spec").isObject()) return DEFAULT_ACCOUNT;
    ObjectNode spec = pod.with("spec");
    String name = spec.path("serviceAccountName").asText("");
    if (name.isEmpty()) name = spec.path("serviceAccount").asText("");
    if (name.isEmpty()) name = DEFAULT_ACCOUNT;
    spec.put("serviceAccountName", name);
    spec.put("serviceAccount", name);
    return name;
  }

  /** The pod's {@code automountServiceAccountToken} wins over the account's; both absent means yes. */
  static boolean automount(ObjectNode pod, JsonNode account) {
    JsonNode p = pod.path("spec").path("automountServiceAccountToken");
    if (p.isBoolean()) return p.asBoolean();
    JsonNode a = account.path("automountServiceAccountToken");
    return !a.isBoolean() || a.asBoolean();
  }

  /** Adds the token volume and its mounts to a pod whose account exists (see the class doc). */
  public static void mount(ObjectNode pod, JsonNode account, RandomGenerator random) {
    if (!automount(pod, account) || !wellFormed(pod.path("spec"))) return;
    ObjectNode spec = pod.with("spec");
    String volumeName = null;
    for (JsonNode v : spec.path("volumes")) {
      if (v.path("name").asText("").startsWith(VOLUME_PREFIX)) {
        volumeName = v.path("name").asText();
        break;
      }
    }
    boolean hasVolume = volumeName != null;
    if (!hasVolume) volumeName = VOLUME_PREFIX + suffix(random);
    boolean needed = false;
    for (String list : new String[] {"initContainers", "containers"}) {
      for (JsonNode c : spec.path(list)) {
        if (!c.isObject() || mountsTokenPath(c)) continue;
        if (c.path("volumeMounts").isNull()) ((ObjectNode) c).remove("volumeMounts");
        ((ObjectNode) c).withArray("volumeMounts").addObject().put("name", volumeName).put("readOnly", true).put("mountPath", MOUNT_PATH);
        needed = true;
      }
    }
    if (spec.path("volumes").isNull()) spec.remove("volumes");
    if (needed && !hasVolume) spec.withArray("volumes").add(volume(volumeName));
  }

  /** Shapes the mutation can work on; anything else is left for validation to refuse. */
  private static boolean wellFormed(JsonNode spec) {
    if (!spec.isObject() || !arrayOrAbsent(spec.get("volumes"))) return false;
    for (String list : new String[] {"initContainers", "containers"}) {
      if (!arrayOrAbsent(spec.get(list))) return false;
      for (JsonNode c : spec.path(list)) if (c.isObject() && !arrayOrAbsent(c.get("volumeMounts"))) return false;
    }
    return true;
  }

  private static boolean arrayOrAbsent(JsonNode n) { return n == null || n.isNull() || n.isArray(); }

  private static boolean mountsTokenPath(JsonNode container) {
    for (JsonNode m : container.path("volumeMounts")) if (MOUNT_PATH.equals(m.path("mountPath").asText())) return true;
    return false;
  }

  private static String suffix(RandomGenerator random) {
    StringBuilder b = new StringBuilder(5);
    for (int i = 0; i < 5; i++) b.append(NAME_ALPHABET.charAt(random.nextInt(NAME_ALPHABET.length())));
    return b.toString();
  }

  /** The projected volume upstream adds, field for field. */
  static ObjectNode volume(String name) {
    ObjectNode v = JsonNodeFactory.instance.objectNode().put("name", name);
    ObjectNode projected = v.putObject("projected");
    ArrayNode sources = projected.putArray("sources");
    sources.addObject().putObject("serviceAccountToken").put("expirationSeconds", TOKEN_SECONDS).put("path", "token");
    sources.addObject().putObject("configMap").put("name", ROOT_CA_CONFIGMAP).putArray("items").addObject().put("key", "ca.crt").put("path", "ca.crt");
    sources.addObject().putObject("downwardAPI").putArray("items").addObject().put("path", "namespace").putObject("fieldRef")
        .put("apiVersion", "v1").put("fieldPath", "metadata.namespace");
    projected.put("defaultMode", 420);
    return v;
  }
}
