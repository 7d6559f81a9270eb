package io.j8s.kubelet.containerd;

import java.nio.file.Path;

/**
 * Where the node's containerd keeps everything, all under the agent directory
 * ({@code <data-dir>/agent}), so several nodes on one machine never share a path.
 */
public record ContainerdPaths(Path agentDir) {
  /** Linux {@code sun_path} holds 108 bytes including the terminating NUL. */
  public static final int MAX_SOCKET_PATH = 107;

  public ContainerdPaths {
    agentDir = agentDir.toAbsolutePath().normalize();
  }

  public Path base() { return agentDir.resolve("containerd"); }

  /** Persistent content, metadata and snapshots. */
  public Path root() { return base().resolve("root"); }

  /** Runtime state (task bundles). */
  public Path state() { return base().resolve("state"); }

  /** runc's own state directory (one per containerd namespace below it). */
  public Path runcRoot() { return state().resolve("runc"); }

  /** CRI and containerd's own API. */
  public Path socket() { return base().resolve("containerd.sock"); }

  public Path config() { return base().resolve("config.toml"); }

  /** containerd's stdout and stderr, appended across restarts. */
  public Path log() { return base().resolve("containerd.log"); }

  /** Digests of the image tarballs already imported into this containerd. */
  public Path importedImages() { return base().resolve("imported-images.properties"); }

  public Path opt() { return base().resolve("opt"); }

  /** containerd's registry hosts directory ({@code <host:port>/hosts.toml}), its CRI {@code registry.config_path}. */
  public Path registryHosts() { return base().resolve("certs.d"); }

  /** CNI network configuration (conflists) containerd reads. */
  public Path cniConfDir() { return agentDir.resolve("cni").resolve("net.d"); }

  /** Image tarballs imported at start. */
  public Path imagesDir() { return agentDir.resolve("images"); }

  /** Fails with a clear message when the socket path does not fit a Unix socket address. */
  public void checkSocketPathLength() {
    int n = socket().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (n > MAX_SOCKET_PATH) {
      throw new IllegalArgumentException("containerd socket path " + socket() + " is " + n
          + " bytes, more than the " + MAX_SOCKET_PATH + " a Unix socket allows: use a shorter data dir");
    }
  }
}
