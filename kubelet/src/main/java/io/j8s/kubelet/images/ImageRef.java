package io.j8s.kubelet.images;

/**
 * An image reference split as registries see it: {@code busybox} is {@code docker.io/library/busybox:latest},
 * {@code 127.0.0.1:5000/team/app:2} is registry {@code 127.0.0.1:5000}, repository {@code team/app}.
 * A first component with a dot, a colon or equal to {@code localhost} names the registry, as in
 * Docker's reference grammar.
 */
public record ImageRef(String registry, String repository, String tag, String digest) {
  public static final String DOCKER_HUB = "docker.io";

  public static ImageRef parse(String image) {
    String rest = image.strip();
    if (rest.isEmpty()) throw new IllegalArgumentException("empty image reference");
    String digest = "";
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    String registry = DOCKER_HUB;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = first;
        rest = rest.substring(slash + 1);
      }
    }
    String tag = "";
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    if (tag.isEmpty() && digest.isEmpty()) tag = "latest";
    if (registry.equals(DOCKER_HUB) && !rest.contains("/")) rest = "library/" + rest;
    if (rest.isEmpty()) throw new IllegalArgumentException("image reference \"" + image + "\" has no repository");
    return new ImageRef(registry, rest, tag, digest);
  }

  /** Whether the reference names the {@code latest} tag (explicitly or by default) and no digest. */
  public boolean latest() { return digest.isEmpty() && tag.equals("latest"); }
}
