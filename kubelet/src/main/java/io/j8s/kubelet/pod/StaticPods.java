package io.j8s.kubelet.pod;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Static pods (run from files on the node, never from the API) and their mirror pods (the API
 * objects that show them), as upstream's kubelet types and mirror client name them; pure.
 */
public final class StaticPods {
  public static final String CONFIG_SOURCE = "kubernetes.io/config.source";
  public static final String CONFIG_HASH = "kubernetes.io/config.hash";
  public static final String CONFIG_MIRROR = "kubernetes.io/config.mirror";
  public static final String FILE_SOURCE = "file";

  private StaticPods() {}

  /** A pod of a non-API source (its config.source annotation says so: file). */
  public static boolean isStatic(Pod pod) {
    String s = annotation(pod, CONFIG_SOURCE);
    return s != null && !s.equals("api");
  }

  /** An API pod that mirrors a static pod. */
  public static boolean isMirror(Pod pod) { return annotation(pod, CONFIG_MIRROR) != null; }

  /** {@code <namespace>/<name>}: a static pod and its mirror share it. */
  public static String fullName(Pod pod) { return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName(); }

  static String annotation(Pod pod, String key) {
    Map<String, String> a = pod.getMetadata() == null ? null : pod.getMetadata().getAnnotations();
    return a == null ? null : a.get(key);
  }

  /**
   * The mirror of a static pod, as upstream's CreateMirrorPod: the pod's metadata (no uid) and
   * spec, the config.mirror annotation holding its hash, owned by the Node (controller: true).
   */
  public static Pod mirrorOf(Pod staticPod, String nodeName, String nodeUid) {
    ObjectMeta m = staticPod.getMetadata();
    Map<String, String> annotations = new HashMap<>(m.getAnnotations() == null ? Map.of() : m.getAnnotations());
    annotations.put(CONFIG_MIRROR, annotations.getOrDefault(CONFIG_HASH, m.getUid()));
    return new PodBuilder().withNewMetadata().withName(m.getName()).withNamespace(m.getNamespace())
        .withLabels(m.getLabels()).withAnnotations(annotations)
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Node").withName(nodeName)
            .withUid(nodeUid).withController(true).build())
        .endMetadata().withSpec(staticPod.getSpec()).build();
  }

  /** What to do about one static pod's mirror. */
  public sealed interface MirrorAction {
    /** Nothing: the mirror is current (or cannot be made yet). */
    record None() implements MirrorAction {}

    /** No mirror: create one. */
    record Create(Pod mirror) implements MirrorAction {}

    /** The mirror is outdated (another hash) or being deleted: delete it (grace 0, uid precondition); the next sync creates it again. */
    record Delete(String uid) implements MirrorAction {}

    /** The mirror is current but shows another status: write this one. */
    record WriteStatus(Pod mirror, PodStatus status) implements MirrorAction {}
  }

  /**
   * Upstream's mirror pod handling in syncPod: a mirror whose hash differs from the static pod's
   * or that is being deleted is deleted (and so made again), a missing one is created (once the
   * Node's uid is known), a current one gets the static pod's status.
   */
  public static MirrorAction plan(Pod staticPod, PodStatus status, Pod mirror, String nodeName, String nodeUid) {
    String hash = annotation(staticPod, CONFIG_HASH);
    if (mirror != null) {
      if (mirror.getMetadata().getDeletionTimestamp() != null || !Objects.equals(hash, annotation(mirror, CONFIG_MIRROR))) {
        return new MirrorAction.Delete(mirror.getMetadata().getUid());
      }
      if (status == null || status.equals(mirror.getStatus())) return new MirrorAction.None();
      return new MirrorAction.WriteStatus(mirror, status);
    }
    if (nodeUid == null || staticPod.getMetadata().getDeletionTimestamp() != null) return new MirrorAction.None();
    return new MirrorAction.Create(mirrorOf(staticPod, nodeName, nodeUid));
  }

  /** A mirror pod no static pod (same full name and hash) stands behind any more: upstream deletes it. */
  public static boolean orphaned(Pod mirror, Map<String, Pod> staticByFullName) {
    Pod p = staticByFullName.get(fullName(mirror));
    return p == null || !Objects.equals(annotation(p, CONFIG_HASH), annotation(mirror, CONFIG_MIRROR));
  }
}
