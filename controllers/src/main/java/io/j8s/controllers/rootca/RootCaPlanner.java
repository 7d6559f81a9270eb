package io.j8s.controllers.rootca;

import java.util.Map;

/** What one namespace's {@code kube-root-ca.crt} needs: nothing, to be created, or its data put back. */
public final class RootCaPlanner {
  public static final String NAME = "kube-root-ca.crt";
  public static final String KEY = "ca.crt";
  public static final String DESCRIPTION_ANNOTATION = "kubernetes.io/description";
  public static final String DESCRIPTION = "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints "
      + "such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.";

  private RootCaPlanner() {}

  /** The action for one namespace. */
  public sealed interface Action {
    record None() implements Action {}

    record Create() implements Action {}

    /** Set data to exactly {ca.crt}, drop binaryData. */
    record Restore() implements Action {}
  }

  public static final Action NONE = new Action.None();

  /**
   * @param namespaceActive the namespace exists and is not terminating
   * @param data            the ConfigMap's data, null when there is no such ConfigMap
   * @param hasBinaryData   the ConfigMap has binaryData entries
   */
  public static Action plan(boolean namespaceActive, Map<String, String> data, boolean hasBinaryData, String caBundle) {
    if (!namespaceActive || caBundle == null || caBundle.isEmpty()) return NONE;
    if (data == null) return new Action.Create();
    if (hasBinaryData || !data.equals(Map.of(KEY, caBundle))) return new Action.Restore();
    return NONE;
  }
}
