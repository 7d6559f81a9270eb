package io.j8s.kubelet.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.j8s.kubelet.cri.v1.AuthConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Credentials for an image from a pod's {@code imagePullSecrets}, as upstream's keyring matches
 * them: each entry of a {@code kubernetes.io/dockerconfigjson} ({@code auths}) or legacy
 * {@code kubernetes.io/dockercfg} secret is keyed by a registry host (optionally with port, path,
 * scheme, or a {@code *.} wildcard); an entry matches when host, port and path prefix match the
 * image. Matches come most specific first (longest key), so a pull tries them in that order.
 */
public final class PullSecrets {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PullSecrets() {}

  /** A credential entry; {@code key} is the registry key it was filed under. */
  public record Credential(String key, AuthConfig auth) {}

  public static List<Credential> forImage(String image, List<Secret> secrets) {
    ImageRef ref = ImageRef.parse(image);
    List<Credential> matches = new ArrayList<>();
    for (Secret s : secrets) {
      for (Map.Entry<String, JsonNode> e : entries(s)) {
        if (matches(e.getKey(), ref)) matches.add(new Credential(e.getKey(), auth(e.getValue())));
      }
    }
    matches.sort(Comparator.comparingInt((Credential c) -> normalise(c.key()).length()).reversed());
    return matches;
  }

  /** The entries of one secret; a secret of another type or with unreadable data contributes none. */
  static List<Map.Entry<String, JsonNode>> entries(Secret s) {
    Map<String, String> data = Objects.requireNonNullElse(s.getData(), Map.of());
    try {
      if ("kubernetes.io/dockerconfigjson".equals(s.getType()) && data.containsKey(".dockerconfigjson")) {
        JsonNode auths = JSON.readTree(Base64.getDecoder().decode(data.get(".dockerconfigjson"))).path("auths");
        return fields(auths);
      }
      if ("kubernetes.io/dockercfg".equals(s.getType()) && data.containsKey(".dockercfg")) {
        return fields(JSON.readTree(Base64.getDecoder().decode(data.get(".dockercfg"))));
      }
    } catch (IOException | IllegalArgumentException e) {
      return List.of();
    }
    return List.of();
  }

  private static List<Map.Entry<String, JsonNode>> fields(JsonNode n) {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    if (n.isObject()) n.properties().forEach(out::add);
    return out;
  }

  /** The key without scheme and trailing slash; Docker Hub's legacy keys become {@code docker.io}. */
  static String normalise(String key) {
    String k = key.strip().replaceFirst("^[a-zA-Z]+://", "");
    while (k.endsWith("/")) k = k.substring(0, k.length() - 1);
    if (k.equals("index.docker.io/v1") || k.equals("index.docker.io") || k.equals("registry-1.docker.io")) return ImageRef.DOCKER_HUB;
    return k;
  }

  static boolean matches(String key, ImageRef ref) {
    String k = normalise(key);
    int slash = k.indexOf('/');
    String hostPort = slash < 0 ? k : k.substring(0, slash);
    String path = slash < 0 ? "" : k.substring(slash + 1);
    if (!hostMatches(hostPort, ref.registry())) return false;
    return path.isEmpty() || ref.repository().equals(path) || ref.repository().startsWith(path + "/");
  }

  private static boolean hostMatches(String pattern, String registry) {
    String[] p = splitPort(pattern);
    String[] r = splitPort(registry);
    if (!p[1].equals(r[1])) return false;
    String[] pl = p[0].toLowerCase(java.util.Locale.ROOT).split("\\.");
    String[] rl = r[0].toLowerCase(java.util.Locale.ROOT).split("\\.");
    if (pl.length != rl.length) return false;
    for (int i = 0; i < pl.length; i++) {
      if (!pl[i].equals("*") && !pl[i].equals(rl[i])) return false;
    }
    return true;
  }

  private static String[] splitPort(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    return colon < 0 ? new String[] {hostPort, ""} : new String[] {hostPort.substring(0, colon), hostPort.substring(colon + 1)};
  }

  private static AuthConfig auth(JsonNode entry) {
    String user = entry.path("username").asText("");
    String password = entry.path("password").asText("");
    String encoded = entry.path("auth").asText("");
    if (user.isEmpty() && !encoded.isEmpty()) {
      String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon >= 0) {
        user = decoded.substring(0, colon);
        password = decoded.substring(colon + 1);
      }
    }
    // no server_address: matching is done here, and containerd 1.6 wants a URL there whose host it
    // compares with the host it resolved (registry-1.docker.io for docker.io), which would drop Hub credentials
    return AuthConfig.newBuilder().setUsername(user).setPassword(password)
        .setIdentityToken(entry.path("identitytoken").asText("")).build();
  }
}
