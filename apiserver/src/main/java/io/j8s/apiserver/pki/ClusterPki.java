package io.j8s.apiserver.pki;

import io.j8s.api.net.Ipv4;
import io.j8s.apiserver.ApiServerConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server's CAs, serving and admin certificates, kubeconfig and join token. */
public final class ClusterPki {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterPki.class);
  static final Duration CA_VALIDITY = Duration.ofDays(3650);
  static final Duration LEAF_VALIDITY = Duration.ofDays(365);

  private final Path dataDir;
  private final Certs.Issued serverCa;
  private final Certs.Issued clientCa;
  private final Certs.Issued serving;
  private final Certs.Issued admin;
  private final String nodeToken;
  private final Certs.Issued kubeletClient;

  private ClusterPki(Path dataDir, Certs.Issued serverCa, Certs.Issued clientCa, Certs.Issued serving, Certs.Issued admin, String token) {
    this.dataDir = dataDir;
    this.serverCa = serverCa;
    this.clientCa = clientCa;
    this.serving = serving;
    this.admin = admin;
    this.nodeToken = token;
    try {
      // the API server's identity towards kubelets (pods/log, exec, port-forward, nodes/proxy); made at each start
      this.kubeletClient = Certs.issue(clientCa, "O=system:masters,CN=kube-apiserver-kubelet-client", true, List.of(),
          Instant.now().minusSeconds(3600), Instant.now().plus(LEAF_VALIDITY));
    } catch (Exception e) {
      throw new IllegalStateException("cannot issue the kubelet client certificate", e);
    }
  }

  /** Loads the PKI from the data dir, creating what is missing; a serving cert with other SANs is reissued. */
  public static ClusterPki loadOrCreate(ApiServerConfig config) throws Exception {
    Path tls = config.dataDir().resolve("server/tls");
    Files.createDirectories(tls);
    long now = Instant.now().getEpochSecond();
    Certs.Issued serverCa = Certs.read(tls, "server-ca");
    if (serverCa == null) {
      serverCa = Certs.selfSignedCa("j8s-server-ca@" + now, CA_VALIDITY);
      Certs.write(tls, "server-ca", serverCa);
    }
    Certs.Issued clientCa = Certs.read(tls, "client-ca");
    if (clientCa == null) {
      clientCa = Certs.selfSignedCa("j8s-client-ca@" + now, CA_VALIDITY);
      Certs.write(tls, "client-ca", clientCa);
    }
    List<String> sans = sans(config);
    Certs.Issued serving = Certs.read(tls, "serving-kube-apiserver");
    if (serving == null || !sansOf(serving.cert()).equals(new LinkedHashSet<>(sans)) || expiresSoon(serving.cert())) {
      serving = Certs.issue(serverCa, "CN=kube-apiserver", false, sans, Instant.now().minusSeconds(3600), Instant.now().plus(LEAF_VALIDITY));
      Certs.write(tls, "serving-kube-apiserver", serving);
    }
    Certs.Issued admin = Certs.read(tls, "client-admin");
    if (admin == null || expiresSoon(admin.cert())) {
      admin = Certs.issue(clientCa, "O=system:masters,CN=system:admin", true, List.of(), Instant.now().minusSeconds(3600),
          Instant.now().plus(LEAF_VALIDITY));
      Certs.write(tls, "client-admin", admin);
    }
    Path tokenFile = config.dataDir().resolve("server/node-token");
    String token;
    if (Files.exists(tokenFile)) {
      token = Files.readString(tokenFile).trim();
    } else {
      byte[] secret = new byte[16];
      new SecureRandom().nextBytes(secret);
      String caHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(serverCa.cert().getEncoded()));
      token = "K10" + caHash + "::server:" + HexFormat.of().formatHex(secret);
      Files.writeString(tokenFile, token + "\n");
      Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
    }
    return new ClusterPki(config.dataDir(), serverCa, clientCa, serving, admin, token);
  }

  static List<String> sans(ApiServerConfig config) {
    Set<String> s = new LinkedHashSet<>(List.of("kubernetes", "kubernetes.default", "kubernetes.default.svc",
        "kubernetes.default.svc.cluster.local", "localhost", "127.0.0.1"));
    s.addAll(config.advertiseAddresses());
    s.add(firstServiceIp(config.serviceCidr()));
    return new ArrayList<>(s);
  }

  /** The first usable address of a CIDR: 10.43.0.0/16 gives 10.43.0.1. */
  static String firstServiceIp(String cidr) {
    return Ipv4.format(Ipv4.Cidr.parse(cidr).network() + 1);
  }

  private static Set<String> sansOf(X509Certificate c) throws Exception {
    Set<String> out = new LinkedHashSet<>();
    if (c.getSubjectAlternativeNames() != null) for (List<?> e : c.getSubjectAlternativeNames()) out.add(String.valueOf(e.get(1)));
    return out;
  }

  private static boolean expiresSoon(X509Certificate c) {
    return c.getNotAfter().toInstant().isBefore(Instant.now().plus(Duration.ofDays(30)));
  }

  /**
   * TLS 1.2/1.3, HTTP/1.1 over ALPN, client certificates requested and checked against the client
   * CA. On BoringSSL (netty-tcnative) when its native library loads, which costs less CPU per
   * record than the JDK's engine; else, or with {@code -Dj8s.tls.provider=jdk}, the JDK's.
   */
  public SslContext serverSslContext() throws IOException {
    if (!"jdk".equals(System.getProperty("j8s.tls.provider")) && OpenSsl.isAvailable()) {
      try {
        return serverSslContext(SslProvider.OPENSSL);
      } catch (IOException | RuntimeException e) {
        LOG.warn("OpenSSL TLS unavailable ({}); using the JDK's", e.toString());
      }
    }
    return serverSslContext(SslProvider.JDK);
  }

  /** Which TLS implementation {@link #serverSslContext()} picks, for logs. */
  public static String tlsProvider() {
    return !"jdk".equals(System.getProperty("j8s.tls.provider")) && OpenSsl.isAvailable() ? OpenSsl.versionString() : "JDK";
  }

  private SslContext serverSslContext(SslProvider provider) throws IOException {
    return SslContextBuilder.forServer(serving.key(), serving.cert(), serverCa.cert())
        .sslProvider(provider)
        .trustManager(clientCa.cert())
        .clientAuth(ClientAuth.OPTIONAL)
        .protocols("TLSv1.3", "TLSv1.2")
        .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_1_1))
        .build();
  }

  /**
   * TLS towards kubelets: presents the kube-apiserver-kubelet-client certificate (client CA). The
   * kubelet's serving certificate is NOT verified: kubelets serve self-signed certificates, and
   * upstream's API server does the same when it is not given --kubelet-certificate-authority.
   */
  public SslContext kubeletClientSslContext() throws IOException {
    return SslContextBuilder.forClient()
        .trustManager(io.netty.handler.ssl.util.InsecureTrustManagerFactory.INSTANCE)
        .keyManager(kubeletClient.key(), kubeletClient.cert(), clientCa.cert())
        .protocols("TLSv1.3", "TLSv1.2")
        .build();
  }

  /** The client CA certificate's file: kubelets trust it for their clients (the API server among them). */
  public Path clientCaFile() { return dataDir.resolve("server/tls/client-ca.crt"); }

  public X509Certificate serverCa() { return serverCa.cert(); }

  public X509Certificate clientCa() { return clientCa.cert(); }

  public String nodeToken() { return nodeToken; }

  public Path adminKubeconfig() { return dataDir.resolve("kubeconfig.yaml"); }

  /**
   * Issues a client certificate for {@code user} (CN) in {@code groups} (O) from the cluster's
   * client CA under {@code dataDir}, and writes a kubeconfig (mode 0600) using it: how an
   * operator hands a user credentials (and how tests make users).
   */
  public static void writeUserKubeconfig(Path dataDir, Path file, String serverUrl, String user, List<String> groups) throws Exception {
    Path tls = dataDir.resolve("server/tls");
    Certs.Issued serverCa = Certs.read(tls, "server-ca");
    Certs.Issued clientCa = Certs.read(tls, "client-ca");
    if (serverCa == null || clientCa == null) throw new IllegalStateException("no cluster CA under " + tls);
    StringBuilder subject = new StringBuilder();
    for (String g : groups) subject.append("O=").append(g).append(',');
    subject.append("CN=").append(user);
    Certs.Issued cert = Certs.issue(clientCa, subject.toString(), true, List.of(), Instant.now().minusSeconds(3600),
        Instant.now().plus(LEAF_VALIDITY));
    new ClusterPki(dataDir, serverCa, clientCa, null, cert, null).writeKubeconfig(file, serverUrl);
  }

  /** Writes an admin kubeconfig (mode 0600) for the given server URL. */
  public void writeKubeconfig(Path file, String serverUrl) throws IOException {
    Base64.Encoder b64 = Base64.getEncoder();
    String yaml = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: default
          cluster:
            server: %s
            certificate-authority-data: %s
        users:
        - name: default
          user:
            client-certificate-data: %s
            client-key-data: %s
        contexts:
        - name: default
          context:
            cluster: default
            user: default
        current-context: default
        preferences: {}
        """.formatted(serverUrl, b64.encodeToString(Certs.pem(serverCa.cert()).getBytes(StandardCharsets.UTF_8)),
        b64.encodeToString(Certs.pem(admin.cert()).getBytes(StandardCharsets.UTF_8)),
        b64.encodeToString(Certs.pem(admin.key()).getBytes(StandardCharsets.UTF_8)));
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, yaml);
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
