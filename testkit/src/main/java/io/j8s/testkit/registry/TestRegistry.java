package io.j8s.testkit.registry;

import io.j8s.base.process.ProcessRunner;
import io.j8s.testkit.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code docker-registry} process serving plain HTTP on {@code 127.0.0.1:<free port>}, its
 * storage and config under {@code dir}. With credentials, every request needs basic auth
 * (htpasswd file made with {@code htpasswd -B}).
 */
public final class TestRegistry implements AutoCloseable {
  private final Process process;
  private final String hostPort;
  private final String credentials;

  private TestRegistry(Process process, String hostPort, String credentials) {
    this.process = process;
    this.hostPort = hostPort;
    this.credentials = credentials;
  }

  /** An open registry. */
  public static TestRegistry start(Path dir) { return start(dir, null, null); }

  /** A registry that wants {@code user}/{@code password} (or, when both are null, nothing). */
  public static TestRegistry start(Path dir, String user, String password) {
    try {
      Files.createDirectories(dir.resolve("data"));
      int port = Ports.free();
      String hostPort = "127.0.0.1:" + port;
      StringBuilder config = new StringBuilder("""
          version: 0.1
          log:
            level: warn
          storage:
            filesystem:
              rootdirectory: %s
            delete:
              enabled: true
          http:
            addr: %s
          """.formatted(dir.resolve("data"), hostPort));
      if (user != null) {
        String line = new ProcessRunner().run("htpasswd", "-Bbn", user, password).orThrow().stdout().strip();
        Files.writeString(dir.resolve("htpasswd"), line + "\n");
        config.append("auth:\n  htpasswd:\n    realm: j8s-test\n    path: ").append(dir.resolve("htpasswd")).append('\n');
      }
      Path configFile = Files.writeString(dir.resolve("config.yml"), config);
      Process p = new ProcessBuilder("docker-registry", "serve", configFile.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
      TestRegistry r = new TestRegistry(p, hostPort, user == null ? null : user + ":" + password);
      r.awaitReady(dir.resolve("registry.log"));
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start docker-registry under " + dir, e);
    }
  }

  private void awaitReady(Path log) throws IOException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IllegalStateException("docker-registry exited: " + Files.readString(log));
      try {
        int code = http.send(HttpRequest.newBuilder(URI.create("http://" + hostPort + "/v2/")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
        if (code == 200 || code == 401) return;
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    close();
    throw new IllegalStateException("docker-registry did not answer on " + hostPort + " within 20 s: " + Files.readString(log));
  }

  /** {@code 127.0.0.1:<port>}, the registry part of image names pushed here. */
  public String hostPort() { return hostPort; }

  /** Copies an OCI archive (a layout tarball holding one image) to {@code <hostPort>/<repoTag>}; returns the image name. */
  public String push(Path ociArchive, String repoTag) {
    String image = hostPort + "/" + repoTag;
    List<String> cmd = new ArrayList<>(List.of("skopeo", "--insecure-policy", "copy", "--quiet", "--dest-tls-verify=false"));
    if (credentials != null) cmd.addAll(List.of("--dest-creds", credentials));
    cmd.addAll(List.of("oci-archive:" + ociArchive, "docker://" + image));
    new ProcessRunner().run(cmd.toArray(String[]::new)).orThrow();
    return image;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
