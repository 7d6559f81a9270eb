package io.j8s.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;

/** Whether to pull a container's image (upstream's shouldPullImage with the API's default policy), pure. */
public final class ImagePolicy {
  public enum Decision { PULL, USE_PRESENT, NEVER_PULL_MISSING }

  private ImagePolicy() {}

  /** The policy as written, else Always for a {@code :latest} or untagged image without digest, else IfNotPresent. */
  public static String policy(Container c) {
    if (c.getImagePullPolicy() != null && !c.getImagePullPolicy().isEmpty()) return c.getImagePullPolicy();
    String image = c.getImage();
    if (image.contains("@")) return "IfNotPresent";
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    boolean tagged = colon > slash;
    return !tagged || image.substring(colon + 1).equals("latest") ? "Always" : "IfNotPresent";
  }

  public static Decision decide(String policy, boolean present) {
    return switch (policy) {
      case "Always" -> Decision.PULL;
      case "Never" -> present ? Decision.USE_PRESENT : Decision.NEVER_PULL_MISSING;
      default -> present ? Decision.USE_PRESENT : Decision.PULL;
    };
  }
}
