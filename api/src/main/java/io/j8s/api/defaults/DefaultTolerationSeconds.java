package io.j8s.api.defaults;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.List;

/**
 * Upstream's DefaultTolerationSeconds admission plugin: a pod that tolerates neither
 * {@code node.kubernetes.io/not-ready} nor {@code node.kubernetes.io/unreachable} for NoExecute
 * (or all effects; a toleration with no key counts for both) gets a toleration of each for 300 s, so it is evicted five minutes after its
 * node is lost rather than at once. Pods only, not pod templates.
 */
public final class DefaultTolerationSeconds {
  public static final long SECONDS = 300;
  public static final String NOT_READY = "node.kubernetes.io/not-ready";
  public static final String UNREACHABLE = "node.kubernetes.io/unreachable";

  private DefaultTolerationSeconds() {}

  public static void apply(Pod pod) {
    if (pod.getSpec() == null) return;
    List<Toleration> tolerations = pod.getSpec().getTolerations() == null ? new ArrayList<>() : new ArrayList<>(pod.getSpec().getTolerations());
    boolean notReady = false;
    boolean unreachable = false;
    for (Toleration t : tolerations) {
      boolean noExecute = t.getEffect() == null || t.getEffect().isEmpty() || t.getEffect().equals("NoExecute");
      boolean anyKey = t.getKey() == null || t.getKey().isEmpty();
      if (noExecute && (anyKey || NOT_READY.equals(t.getKey()))) notReady = true;
      if (noExecute && (anyKey || UNREACHABLE.equals(t.getKey()))) unreachable = true;
    }
    if (notReady && unreachable) return;
    if (!notReady) tolerations.add(new Toleration("NoExecute", NOT_READY, "Exists", SECONDS, null));
    if (!unreachable) tolerations.add(new Toleration("NoExecute", UNREACHABLE, "Exists", SECONDS, null));
    pod.getSpec().setTolerations(tolerations);
  }
}
