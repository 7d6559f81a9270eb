package io.j8s.kubelet.volume;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.j8s.kubelet.env.ContainerConfigException;
import io.j8s.kubelet.env.PodFields;
import io.j8s.kubelet.env.ResourceFields;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of configMap, secret and downwardAPI sources (upstream's MakePayload and CollectData): without items
 * every key becomes a file named after it with the default mode; with items only the listed keys, at their paths,
 * with their own mode or the default; a listed key that is absent is an error unless the source is optional.
 */
final class Payloads {
  /** The API's default for configMap, secret, downwardAPI and projected volumes (0644). */
  static final int DEFAULT_MODE = 0644;

  private Payloads() {}

  static final class PayloadException extends Exception {
    PayloadException(String message) {
      super(message);
    }
  }

  static Map<String, FileProjection> configMap(ConfigMap cm, List<KeyToPath> items, int defaultMode, boolean optional)
      throws PayloadException {
    Map<String, byte[]> data = new TreeMap<>();
    if (cm != null) {
      orEmpty(cm.getData()).forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
      for (var e : orEmpty(cm.getBinaryData()).entrySet()) data.put(e.getKey(), base64(e.getValue(), "configmap", e.getKey()));
    }
    return project(data, items, defaultMode, optional, "configmap references non-existent config key: ");
  }

  static Map<String, FileProjection> secret(Secret s, List<KeyToPath> items, int defaultMode, boolean optional)
      throws PayloadException {
    Map<String, byte[]> data = new TreeMap<>();
    if (s != null) for (var e : orEmpty(s.getData()).entrySet()) data.put(e.getKey(), base64(e.getValue(), "secret", e.getKey()));
    return project(data, items, defaultMode, optional, "secret references non-existent secret key: ");
  }

  private static Map<String, FileProjection> project(Map<String, byte[]> data, List<KeyToPath> items, int defaultMode,
      boolean optional, String missing) throws PayloadException {
    Map<String, FileProjection> out = new TreeMap<>();
    if (items == null || items.isEmpty()) {
      data.forEach((k, v) -> out.put(k, new FileProjection(v, defaultMode)));
      return out;
    }
    for (KeyToPath item : items) {
      byte[] v = data.get(item.getKey());
      if (v == null) {
        if (optional) continue;
        throw new PayloadException(missing + item.getKey());
      }
      out.put(item.getPath(), new FileProjection(v, item.getMode() != null ? item.getMode() : defaultMode));
    }
    return out;
  }

  /** A downwardAPI source: every item, errors of all items joined as upstream's aggregate. */
  static Map<String, FileProjection> downwardApi(List<DownwardAPIVolumeFile> items, Pod pod, int defaultMode,
      Map<String, Quantity> allocatable) throws PayloadException {
    Map<String, FileProjection> out = new TreeMap<>();
    List<String> errors = new java.util.ArrayList<>();
    for (DownwardAPIVolumeFile f : items == null ? List.<DownwardAPIVolumeFile>of() : items) {
      int mode = f.getMode() != null ? f.getMode() : defaultMode;
      String value = "";
      try {
        if (f.getFieldRef() != null) {
          value = PodFields.metadata(f.getFieldRef().getFieldPath(), pod);
        } else if (f.getResourceFieldRef() != null) {
          value = ResourceFields.value(f.getResourceFieldRef(), pod, null, allocatable);
        }
      } catch (ContainerConfigException e) {
        errors.add(e.getMessage());
        continue;
      }
      out.put(clean(f.getPath()), FileProjection.text(value, mode));
    }
    if (!errors.isEmpty()) throw new PayloadException(aggregate(errors));
    return out;
  }

  /** Go's aggregate error text: one message as is, several as {@code [a, b]}. */
  static String aggregate(List<String> errors) {
    return errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]";
  }

  /** filepath.Clean for relative paths: no empty or "." segments, no trailing slash. */
  static String clean(String p) {
    StringBuilder b = new StringBuilder();
    for (String part : p.split("/")) {
      if (part.isEmpty() || part.equals(".")) continue;
      if (!b.isEmpty()) b.append('/');
      b.append(part);
    }
    return b.isEmpty() ? "." : b.toString();
  }

  private static byte[] base64(String v, String kind, String key) throws PayloadException {
    try {
      return Base64.getDecoder().decode(v);
    } catch (IllegalArgumentException e) {
      throw new PayloadException(kind + " key " + key + " is not valid base64");
    }
  }

  private static Map<String, String> orEmpty(Map<String, String> m) {
    return m == null ? Map.of() : m;
  }
}
