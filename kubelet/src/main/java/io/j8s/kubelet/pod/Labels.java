package io.j8s.kubelet.pod;

/** The CRI label and annotation keys kubelets put on sandboxes and containers (upstream's names). */
public final class Labels {
  public static final String POD_NAME = "io.kubernetes.pod.name";
  public static final String POD_NAMESPACE = "io.kubernetes.pod.namespace";
  public static final String POD_UID = "io.kubernetes.pod.uid";
  public static final String CONTAINER_NAME = "io.kubernetes.container.name";
  public static final String RESTART_COUNT = "io.kubernetes.container.restartCount";
  public static final String CONTAINER_HASH = "io.kubernetes.container.hash";
  public static final String GRACE_PERIOD = "io.kubernetes.pod.terminationGracePeriod";
  public static final String TERMINATION_MESSAGE_PATH = "io.kubernetes.container.terminationMessagePath";
  public static final String TERMINATION_MESSAGE_POLICY = "io.kubernetes.container.terminationMessagePolicy";
  /** j8s: marks an init container (upstream tells them apart through the pod spec only). */
  public static final String INIT_CONTAINER = "io.j8s.container.init";

  private Labels() {}
}
