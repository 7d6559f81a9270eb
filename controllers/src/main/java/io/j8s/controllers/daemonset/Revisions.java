package io.j8s.controllers.daemonset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ControllerRevisions of a DaemonSet as upstream keeps them, so {@code kubectl rollout
 * history|undo ds} work: data is {@code {"spec":{"template":{...,"$patch":"replace"}}}} (a
 * strategic merge patch that restores the template), the name is {@code <ds>-<hash>}, and the
 * hash (FNV-1a of the canonical template JSON and the collision count, in upstream's safe
 * alphabet) is also the pods' {@code controller-revision-hash} label.
 */
public final class Revisions {
  private static final ObjectMapper CANONICAL = Serialization.jsonMapper().copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private Revisions() {}

  /** The hash of the DaemonSet's current template. */
  public static String hash(DaemonSet ds) {
    Integer collisions = ds.getStatus() == null ? null : ds.getStatus().getCollisionCount();
    return hash(data(ds), collisions == null ? 0 : collisions);
  }

  static String hash(JsonNode data, int collisions) {
    String canonical;
    try {
      canonical = CANONICAL.writeValueAsString(CANONICAL.treeToValue(data, Object.class));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    int h = 0x811c9dc5;
    for (byte b : (canonical + "#" + collisions).getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x01000193;
    }
    StringBuilder sb = new StringBuilder();
    long v = Integer.toUnsignedLong(h);
    do {
      sb.append(ALPHABET.charAt((int) (v % ALPHABET.length())));
      v /= ALPHABET.length();
    } while (v > 0);
    return sb.toString();
  }

  /** The revision data: the template as a replacing strategic merge patch. */
  static ObjectNode data(DaemonSet ds) {
    ObjectNode template = CANONICAL.valueToTree(ds.getSpec().getTemplate());
    template.put("$patch", "replace");
    ObjectNode spec = CANONICAL.createObjectNode();
    spec.set("template", template);
    ObjectNode root = CANONICAL.createObjectNode();
    root.set("spec", spec);
    return root;
  }

  /** The revision object for the DaemonSet's current template with this revision number. */
  public static ControllerRevision build(DaemonSet ds, String hash, long revision) {
    var m = ds.getMetadata();
    Map<String, String> labels = new HashMap<>(ds.getSpec().getTemplate().getMetadata() == null
        || ds.getSpec().getTemplate().getMetadata().getLabels() == null ? Map.of() : ds.getSpec().getTemplate().getMetadata().getLabels());
    labels.put(DaemonPods.REVISION_HASH, hash);
    Map<String, String> annotations = m.getAnnotations() == null ? null : new HashMap<>(m.getAnnotations());
    if (annotations != null) annotations.remove("kubectl.kubernetes.io/last-applied-configuration");
    return new ControllerRevisionBuilder().withNewMetadata().withName(m.getName() + "-" + hash).withNamespace(m.getNamespace())
        .withLabels(labels).withAnnotations(annotations)
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("DaemonSet").withName(m.getName())
            .withUid(m.getUid()).withController(true).withBlockOwnerDeletion(true).build())
        .endMetadata().withData(CANONICAL.convertValue(data(ds), Object.class)).withRevision(revision).build();
  }

  /** What to do about the revisions: the one for the current template (create or bump its number) and old ones to delete. */
  public record Plan(Optional<ControllerRevision> create, Optional<String> bump, long revision, List<String> delete) {}

  /**
   * @param owned the DaemonSet's revisions
   * @param liveHashes hashes still carried by live pods (their revisions are kept)
   */
  public static Plan plan(DaemonSet ds, String hash, List<ControllerRevision> owned, Set<String> liveHashes) {
    String name = ds.getMetadata().getName() + "-" + hash;
    long max = owned.stream().mapToLong(r -> r.getRevision() == null ? 0 : r.getRevision()).max().orElse(0);
    Optional<ControllerRevision> current = owned.stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst();
    Optional<ControllerRevision> create = Optional.empty();
    Optional<String> bump = Optional.empty();
    long revision;
    if (current.isEmpty()) {
      revision = max + 1;
      create = Optional.of(build(ds, hash, revision));
    } else if (current.get().getRevision() == null || current.get().getRevision() < max) {
      revision = max + 1; // rolled back to an older template: it becomes the newest revision again
      bump = Optional.of(name);
    } else {
      revision = current.get().getRevision();
    }
    int limit = ds.getSpec().getRevisionHistoryLimit() == null ? 10 : Math.max(0, ds.getSpec().getRevisionHistoryLimit());
    List<ControllerRevision> old = owned.stream().filter(r -> !r.getMetadata().getName().equals(name))
        .filter(r -> !liveHashes.contains(hashOf(r)))
        .sorted(Comparator.comparingLong(r -> r.getRevision() == null ? 0 : r.getRevision())).toList();
    List<String> delete = old.subList(0, Math.max(0, old.size() - limit)).stream().map(r -> r.getMetadata().getName()).toList();
    return new Plan(create, bump, revision, delete);
  }

  static String hashOf(ControllerRevision r) {
    return r.getMetadata().getLabels() == null ? "" : r.getMetadata().getLabels().getOrDefault(DaemonPods.REVISION_HASH, "");
  }
}
