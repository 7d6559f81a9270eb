package io.j8s.testkit.etcd;

import io.j8s.testkit.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Starts etcd members as child processes on 127.0.0.1 and stops them on close. */
public final class EtcdCluster implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/etcd");
  private final List<Process> members = new ArrayList<>();
  private final List<String> clientUrls = new ArrayList<>();
  private final List<Path> logs = new ArrayList<>();

  private EtcdCluster() {}

  /** Starts {@code size} members with data under {@code dir}; waits until every one is healthy. */
  public static EtcdCluster start(int size, Path dir) throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException("etcd not found: install the Debian package etcd-server (./j8s test installs it)");
    }
    EtcdCluster c = new EtcdCluster();
    List<String> peers = new ArrayList<>();
    List<Integer> clientPorts = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      clientPorts.add(Ports.free());
      peers.add("m" + i + "=http://127.0.0.1:" + Ports.free());
    }
    String initial = String.join(",", peers);
    try {
      for (int i = 0; i < size; i++) {
        String peerUrl = peers.get(i).substring(peers.get(i).indexOf('=') + 1);
        String clientUrl = "http://127.0.0.1:" + clientPorts.get(i);
        Path data = dir.resolve("m" + i);
        Files.createDirectories(data);
        Path log = dir.resolve("m" + i + ".log");
        ProcessBuilder pb = new ProcessBuilder(BINARY.toString(), "--name", "m" + i, "--data-dir", data.toString(),
            "--listen-client-urls", clientUrl, "--advertise-client-urls", clientUrl,
            "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
            "--initial-cluster", initial, "--initial-cluster-state", "new", "--initial-cluster-token", "j8s-test",
            "--quota-backend-bytes", "4294967296")
            .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("ETCD_UNSUPPORTED_ARCH", "amd64");
        c.members.add(pb.start());
        c.clientUrls.add(clientUrl);
        c.logs.add(log);
      }
      c.awaitHealthy(Duration.ofSeconds(30));
      return c;
    } catch (IOException | InterruptedException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  private void awaitHealthy(Duration timeout) throws InterruptedException, IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long end = System.nanoTime() + timeout.toNanos();
    for (int i = 0; i < clientUrls.size(); i++) {
      while (true) {
        if (!members.get(i).isAlive()) throw new IllegalStateException("etcd member m" + i + " exited: " + tail(logs.get(i)));
        try {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(clientUrls.get(i) + "/health"))
              .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200 && r.body().contains("\"true\"")) break;
        } catch (IOException e) {
          // not listening yet
        }
        if (System.nanoTime() > end) throw new IllegalStateException("etcd member m" + i + " not healthy in time: " + tail(logs.get(i)));
        Thread.sleep(100);
      }
    }
  }

  private static String tail(Path log) throws IOException {
    String s = Files.exists(log) ? Files.readString(log) : "";
    return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
  }

  /** Client URLs joined by commas, e.g. "http://127.0.0.1:2379,http://127.0.0.1:2381". */
  public String endpoints() { return String.join(",", clientUrls); }

  /** Kills one member (to test failover). */
  public void kill(int member) { members.get(member).destroyForcibly(); }

  @Override
  public void close() {
    for (Process p : members) p.destroyForcibly();
    for (Process p : members) {
      try {
        p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
