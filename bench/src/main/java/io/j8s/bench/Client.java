package io.j8s.bench;

import io.j8s.testkit.server.ClusterTrust;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

/**
 * The bench's way to the API server: trusts the server's CAs, sends an admin token, and keeps one
 * lean keep-alive connection ({@link RawHttps}) per worker thread.
 */
final class Client {
  final URI base;
  final Path dataDir;
  private final String token;
  private final SSLContext ssl;
  private final ThreadLocal<RawHttps> raw = new ThreadLocal<>();
  private final List<RawHttps> opened = new CopyOnWriteArrayList<>();

  Client(URI base, Path dataDir) throws Exception {
    this.base = base;
    this.dataDir = dataDir;
    this.token = ClusterTrust.adminToken(dataDir);
    this.ssl = ClusterTrust.sslContext(dataDir);
  }

  /** This thread's keep-alive call: method, path, content type (or null), body (or null). */
  String call(String method, String path, String contentType, String body) throws Exception {
    RawHttps r = raw.get();
    if (r == null) {
      r = new RawHttps(ssl, base, token);
      raw.set(r);
      opened.add(r);
    }
    return r.call(method, path, contentType, body);
  }

  /** A new connection of the caller's own (for a watch stream). */
  RawHttps connect() throws Exception { return new RawHttps(ssl, base, token); }

  /** Closes every connection made so far (workers' and the caller's). */
  void closeConnections() throws Exception {
    for (RawHttps r : opened) r.close();
    opened.clear();
    raw.remove();
  }
}
