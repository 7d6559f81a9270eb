package io.j8s.controllers.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Pure: the {@code pod-template-hash} of a pod template, upstream's scheme over a canonical JSON
 * form (fields sorted, nulls and empty values dropped): FNV-1a 32 of the template, then of the
 * collision count as 8 little-endian bytes if set, printed in decimal and each digit mapped to
 * the consonant-and-digit alphabet upstream uses so no word can form ({@code 5d4f8c7b9}).
 */
final class TemplateHash {
  static final String LABEL = "pod-template-hash";
  private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";
  private static final ObjectMapper CANONICAL = JsonMapper.builder()
      .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true).build();

  private TemplateHash() {}

  static String of(PodTemplateSpec template, Integer collisionCount) {
    int h = 0x811c9dc5;
    for (byte b : canonicalString(template).getBytes(StandardCharsets.UTF_8)) h = (h ^ (b & 0xff)) * 0x01000193;
    if (collisionCount != null) {
      byte[] cc = new byte[8];
      int c = collisionCount;
      for (int i = 0; i < 4; i++) cc[i] = (byte) (c >>> (8 * i));
      for (byte b : cc) h = (h ^ (b & 0xff)) * 0x01000193;
    }
    return safeEncode(Long.toString(Integer.toUnsignedLong(h)));
  }

  static String safeEncode(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) out.append(ALPHANUMS.charAt(ch % ALPHANUMS.length()));
    return out.toString();
  }

  /** Equal templates once the hash label is ignored (upstream's EqualIgnoreHash). */
  static boolean equalIgnoringHash(PodTemplateSpec a, PodTemplateSpec b) {
    if (!fingerprint(a).equals(fingerprint(b))) return false; // cheap and necessary: most templates differ here
    return canonical(a).equals(canonical(b));
  }

  /** Labels (without the hash), annotations and container names and images: equal in any two equal templates. */
  private static List<Object> fingerprint(PodTemplateSpec t) {
    var m = t == null ? null : t.getMetadata();
    Map<String, String> labels = new java.util.TreeMap<>(m == null || m.getLabels() == null ? Map.of() : m.getLabels());
    labels.remove(LABEL);
    Map<String, String> ann = new java.util.TreeMap<>(m == null || m.getAnnotations() == null ? Map.of() : m.getAnnotations());
    List<String> containers = new ArrayList<>();
    if (t != null && t.getSpec() != null && t.getSpec().getContainers() != null) {
      for (var c : t.getSpec().getContainers()) containers.add(c.getName() + "=" + c.getImage());
    }
    return List.of(labels, ann, containers);
  }

  static String canonicalString(PodTemplateSpec t) {
    try {
      return CANONICAL.writeValueAsString(CANONICAL.treeToValue(canonical(t), Object.class));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The template as a JSON tree without the hash label, nulls or empty objects and arrays. */
  static JsonNode canonical(PodTemplateSpec t) {
    JsonNode tree = CANONICAL.valueToTree(t == null ? new PodTemplateSpec() : t);
    JsonNode labels = tree.path("metadata").path("labels");
    if (labels instanceof ObjectNode o) o.remove(LABEL);
    prune(tree);
    return tree;
  }

  private static boolean prune(JsonNode n) {
    if (n.isObject()) {
      List<String> drop = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        var e = it.next();
        if (prune(e.getValue())) drop.add(e.getKey());
      }
      ((ObjectNode) n).remove(drop);
      return n.isEmpty();
    }
    if (n.isArray()) {
      for (JsonNode c : n) prune(c);
      return n.isEmpty();
    }
    return n.isNull();
  }
}
