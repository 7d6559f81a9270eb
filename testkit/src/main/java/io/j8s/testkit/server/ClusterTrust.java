package io.j8s.testkit.server;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** What a client of a j8s server needs from its data dir: trust in its CAs, and its node token. */
public final class ClusterTrust {
  private ClusterTrust() {}

  /** A TLS context trusting every CA certificate under {@code <dataDir>/server/tls}. */
  public static SSLContext sslContext(Path dataDir) throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, trustManagers(dataDir).getTrustManagers(), null);
    return ctx;
  }

  /** Trust managers for every CA certificate under {@code <dataDir>/server/tls} (for other TLS stacks, e.g. Netty's). */
  public static TrustManagerFactory trustManagers(Path dataDir) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    int i = 0;
    try (var files = Files.list(dataDir.resolve("server/tls"))) {
      for (Path p : files.filter(f -> f.getFileName().toString().contains("ca") && f.toString().endsWith(".crt")).toList()) {
        for (var c : cf.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(p)))) {
          trust.setCertificateEntry("ca" + i++, (X509Certificate) c);
        }
      }
    }
    if (i == 0) throw new IllegalStateException("no CA certificate under " + dataDir.resolve("server/tls") + ": has the server started?");
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    return tmf;
  }

  /**
   * A bearer token for a cluster admin (group system:masters): a line added once to the server's
   * static token file {@code <dataDir>/server/tokens.csv} (the join token is only a node
   * bootstrap identity). The server reads the file again when it changes.
   */
  public static synchronized String adminToken(Path dataDir) throws Exception {
    Path file = dataDir.resolve("server/tokens.csv");
    String user = "j8s-test-admin";
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        String[] f = line.split(",", 4);
        if (f.length >= 2 && f[1].trim().equals(user)) return f[0].trim();
      }
    }
    byte[] secret = new byte[24];
    new java.security.SecureRandom().nextBytes(secret);
    String token = java.util.HexFormat.of().formatHex(secret);
    Files.createDirectories(file.getParent());
    Files.writeString(file, token + "," + user + "," + user + ",\"system:masters\"\n",
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    return token;
  }

  /** The node join token: authenticates as a node bootstrapper, which may only ask for a node certificate. */
  public static String nodeToken(Path dataDir) throws Exception {
    return Files.readString(dataDir.resolve("server/node-token")).trim();
  }
}
