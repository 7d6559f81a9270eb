package io.j8s.kubelet.volume;

/** The volume kinds j8s serves, with upstream's plugin directory names under {@code <pod>/volumes/}. */
public enum VolumePlugin {
  EMPTY_DIR("kubernetes.io~empty-dir"),
  HOST_PATH("kubernetes.io~host-path"),
  CONFIG_MAP("kubernetes.io~configmap"),
  SECRET("kubernetes.io~secret"),
  DOWNWARD_API("kubernetes.io~downward-api"),
  PROJECTED("kubernetes.io~projected");

  private final String dirName;

  VolumePlugin(String dirName) {
    this.dirName = dirName;
  }

  public String dirName() {
    return dirName;
  }
}
