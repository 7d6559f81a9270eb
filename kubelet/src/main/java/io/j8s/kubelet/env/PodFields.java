package io.j8s.kubelet.env;

import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The downward API's {@code fieldRef}: for env ({@link #forEnv}) the pod's metadata, {@code spec.nodeName},
 * {@code spec.serviceAccountName} and the pod and host IPs; for volumes ({@link #metadata}) the metadata fields
 * only, as upstream. A whole label or annotation map is rendered as sorted {@code key="value"} lines with Go's
 * quoting.
 */
public final class PodFields {
  private PodFields() {}

  /** The value of an env {@code fieldRef}; the error messages are upstream's. */
  public static String forEnv(ObjectFieldSelector ref, Pod pod, List<String> podIPs, List<String> hostIPs)
      throws ContainerConfigException {
    String version = ref.getApiVersion() == null || ref.getApiVersion().isEmpty() ? "v1" : ref.getApiVersion();
    if (!version.equals("v1")) throw new ContainerConfigException("unsupported pod version: " + version);
    String path = supportedLabel(ref.getFieldPath());
    switch (path) {
      case "spec.nodeName":
        return nullToEmpty(pod.getSpec().getNodeName());
      case "spec.serviceAccountName":
        return nullToEmpty(pod.getSpec().getServiceAccountName());
      case "status.hostIP":
        if (hostIPs.isEmpty()) throw new ContainerConfigException("the node's IP addresses are not known yet");
        return hostIPs.get(0);
      case "status.hostIPs":
        if (hostIPs.isEmpty()) throw new ContainerConfigException("the node's IP addresses are not known yet");
        return String.join(",", hostIPs);
      case "status.podIP":
        return podIPs.isEmpty() ? "" : podIPs.get(0);
      case "status.podIPs":
        return String.join(",", podIPs);
      default:
        return metadata(path, pod);
    }
  }

  /** Upstream's ConvertDownwardAPIFieldLabel: the labels a pod's fieldRef may name ({@code spec.host} is the old {@code spec.nodeName}). */
  static String supportedLabel(String label) throws ContainerConfigException {
    String[] sub = splitSubscript(label);
    if (sub != null) {
      if (sub[0].equals("metadata.annotations") || sub[0].equals("metadata.labels")) return label;
      throw new ContainerConfigException("field label does not support subscript: " + label);
    }
    return switch (label) {
      case "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid",
          "spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName", "spec.schedulerName", "status.phase",
          "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs" -> label;
      case "spec.host" -> "spec.nodeName";
      default -> throw new ContainerConfigException("field label not supported: " + label);
    };
  }

  /** A metadata field path (upstream's ExtractFieldPathAsString): name, namespace, uid, labels and annotations, whole or {@code ['key']}. */
  public static String metadata(String fieldPath, Pod pod) throws ContainerConfigException {
    var meta = pod.getMetadata();
    String[] sub = splitSubscript(fieldPath);
    if (sub != null) {
      return switch (sub[0]) {
        case "metadata.annotations" -> nullToEmpty(orEmpty(meta.getAnnotations()).get(sub[1]));
        case "metadata.labels" -> nullToEmpty(orEmpty(meta.getLabels()).get(sub[1]));
        default -> throw new ContainerConfigException("fieldPath \"" + fieldPath + "\" does not support subscript");
      };
    }
    return switch (fieldPath) {
      case "metadata.annotations" -> formatMap(orEmpty(meta.getAnnotations()));
      case "metadata.labels" -> formatMap(orEmpty(meta.getLabels()));
      case "metadata.name" -> nullToEmpty(meta.getName());
      case "metadata.namespace" -> nullToEmpty(meta.getNamespace());
      case "metadata.uid" -> nullToEmpty(meta.getUid());
      default -> throw new ContainerConfigException("unsupported fieldPath: " + fieldPath);
    };
  }

  /** {@code path['key']} split into path and key, or null when not subscripted. */
  static String[] splitSubscript(String fieldPath) {
    if (!fieldPath.endsWith("']")) return null;
    String s = fieldPath.substring(0, fieldPath.length() - 2);
    int open = s.indexOf("['");
    if (open <= 0) return null;
    return new String[] {s.substring(0, open), s.substring(open + 2)};
  }

  /** Sorted {@code key="value"} lines joined by newlines (no trailing one), values quoted as Go's %q. */
  static String formatMap(Map<String, String> m) {
    StringBuilder b = new StringBuilder();
    for (var e : new TreeMap<>(m).entrySet()) {
      if (!b.isEmpty()) b.append('\n');
      b.append(e.getKey()).append('=').append(goQuote(nullToEmpty(e.getValue())));
    }
    return b.toString();
  }

  /** Go's strconv.Quote for valid UTF-8 text. */
  static String goQuote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    s.codePoints().forEach(cp -> {
      switch (cp) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case 7 -> b.append("\\a");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case 11 -> b.append("\\v");
        default -> {
          if (printable(cp)) b.appendCodePoint(cp);
          else if (cp < 0x80) b.append(String.format("\\x%02x", cp));
          else if (cp < 0x10000) b.append(String.format("\\u%04x", cp));
          else b.append(String.format("\\U%08x", cp));
        }
      }
    });
    return b.append('"').toString();
  }

  private static boolean printable(int cp) {
    if (cp == ' ') return true;
    return switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
          Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR -> false;
      default -> true;
    };
  }

  private static Map<String, String> orEmpty(Map<String, String> m) {
    return m == null ? Map.of() : m;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
