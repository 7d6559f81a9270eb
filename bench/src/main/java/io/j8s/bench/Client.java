package io.j8s.bench;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The bench's way to the API server: trusts the server's CAs, sends its node token, and keeps one
 * lean keep-alive connection ({@link RawHttps}) per worker thread.
 */
final class Client {
  private final URI base;
  private final String token;
  private final SSLContext ssl;
  private final ThreadLocal<RawHttps> raw = new ThreadLocal<>();
  private final List<RawHttps> opened = new CopyOnWriteArrayList<>();

  Client(URI base, Path dataDir) throws Exception {
    this.base = base;
    this.token = Files.readString(dataDir.resolve("server/node-token")).trim();
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    int i = 0;
    try (var files = Files.list(dataDir.resolve("server/tls"))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".crt")).toList()) {
        for (var c : cf.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(p)))) {
          trust.setCertificateEntry("c" + i++, (X509Certificate) c);
        }
      }
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    this.ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
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
