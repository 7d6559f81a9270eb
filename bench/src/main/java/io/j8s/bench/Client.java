package io.j8s.bench;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** An HTTPS client for the bench, trusting the server's CAs and sending its node token. */
final class Client {
  final HttpClient http;
  final URI base;
  final String token;
  private final SSLContext ssl;
  /** One lean keep-alive connection per worker thread (see {@link RawHttps}). */
  private final ThreadLocal<RawHttps> raw = new ThreadLocal<>();
  private final java.util.List<RawHttps> opened = new java.util.concurrent.CopyOnWriteArrayList<>();

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
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    this.ssl = ctx;
    this.http = HttpClient.newBuilder().sslContext(ctx).version(HttpClient.Version.HTTP_1_1)
        .executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(Duration.ofSeconds(10)).build();
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

  /** A new lean connection of the caller's own. */
  RawHttps connect() throws Exception { return new RawHttps(ssl, base, token); }

  void closeConnections() throws Exception {
    for (RawHttps r : opened) r.close();
    opened.clear();
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60));
  }

  HttpResponse<String> send(HttpRequest r) throws Exception {
    HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() >= 300) throw new IllegalStateException(r.method() + " " + r.uri() + " -> " + resp.statusCode() + ": " + resp.body());
    return resp;
  }
}
