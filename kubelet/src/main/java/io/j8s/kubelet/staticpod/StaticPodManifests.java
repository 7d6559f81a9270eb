package io.j8s.kubelet.staticpod;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.j8s.api.defaults.Defaulter;
import io.j8s.kubelet.pod.StaticPods;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;

/**
 * The pods of one manifest file, as upstream's file config source makes them: decoded (one Pod, a
 * PodList or List of Pods, or several YAML documents), defaulted as the API server would, then the
 * uid is the MD5 of the defaulted pod, {@code host:<node>} and {@code file:<path>} (so a changed
 * manifest is a new pod), the name gets {@code -<nodeName>}, the namespace {@code default} when
 * unset, {@code spec.nodeName} the node, annotations config.hash (the uid) and config.source
 * ({@code file}), a toleration of every NoExecute taint, and status Pending. Pure.
 */
public final class StaticPodManifests {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  /** A manifest that is not a pod (or list of pods), or a pod without a name. */
  public static final class ManifestException extends Exception {
    public ManifestException(String message) { super(message); }
  }

  private StaticPodManifests() {}

  /** The static pods of a file's text; {@code source} is the file's path. */
  public static List<Pod> parse(String text, String source, String nodeName) throws ManifestException {
    List<Pod> decoded = new ArrayList<>();
    Object o;
    try {
      o = JSON.unmarshal(text);
    } catch (RuntimeException e) {
      throw new ManifestException(source + ": not a pod manifest: " + e.getMessage());
    }
    collect(o, decoded, source);
    List<Pod> out = new ArrayList<>();
    for (Pod p : decoded) out.add(applyDefaults(p, source, nodeName));
    return out;
  }

  private static void collect(Object o, List<Pod> into, String source) throws ManifestException {
    switch (o) {
      case null -> { }
      case Pod p -> into.add(p);
      case PodList l -> { for (Pod p : l.getItems()) into.add(p); }
      case KubernetesList l -> { for (HasMetadata h : l.getItems()) collect(h, into, source); }
      case List<?> l -> { for (Object x : l) collect(x, into, source); }
      case HasMetadata h -> throw new ManifestException(source + ": a " + h.getKind() + " is not a pod");
      default -> throw new ManifestException(source + ": not a pod manifest");
    }
  }

  /** Upstream's applyDefaults for a file pod (see the class comment). */
  static Pod applyDefaults(Pod decoded, String source, String nodeName) throws ManifestException {
    Pod pod = JSON.clone(decoded);
    if (pod.getMetadata() == null || pod.getMetadata().getName() == null || pod.getMetadata().getName().isBlank()) {
      throw new ManifestException(source + ": a pod without metadata.name");
    }
    if (pod.getSpec() == null || pod.getSpec().getContainers() == null || pod.getSpec().getContainers().isEmpty()) {
      throw new ManifestException(source + ": pod " + pod.getMetadata().getName() + " has no containers");
    }
    Defaulter.apply(pod);
    if (pod.getMetadata().getUid() == null || pod.getMetadata().getUid().isEmpty()) {
      pod.getMetadata().setUid(hash(JSON.asJson(pod), source, nodeName));
    }
    pod.getMetadata().setName(pod.getMetadata().getName() + "-" + nodeName.toLowerCase(java.util.Locale.ROOT));
    if (pod.getMetadata().getNamespace() == null || pod.getMetadata().getNamespace().isEmpty()) {
      pod.getMetadata().setNamespace("default");
    }
    pod.getSpec().setNodeName(nodeName);
    var annotations = new HashMap<>(pod.getMetadata().getAnnotations() == null ? java.util.Map.<String, String>of()
        : pod.getMetadata().getAnnotations());
    annotations.put(StaticPods.CONFIG_HASH, pod.getMetadata().getUid());
    annotations.put(StaticPods.CONFIG_SOURCE, StaticPods.FILE_SOURCE);
    pod.getMetadata().setAnnotations(annotations);
    List<Toleration> tolerations = new ArrayList<>(pod.getSpec().getTolerations() == null ? List.of() : pod.getSpec().getTolerations());
    tolerations.add(new Toleration("NoExecute", null, "Exists", null, null));
    pod.getSpec().setTolerations(tolerations);
    PodStatus status = new PodStatus();
    status.setPhase("Pending");
    pod.setStatus(status);
    return pod;
  }

  static String hash(String podJson, String source, String nodeName) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(podJson.getBytes(StandardCharsets.UTF_8));
      md5.update(("host:" + nodeName).getBytes(StandardCharsets.UTF_8));
      md5.update(("file:" + source).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md5.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
