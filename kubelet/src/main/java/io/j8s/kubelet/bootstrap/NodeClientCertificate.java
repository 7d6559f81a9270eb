package io.j8s.kubelet.bootstrap;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Finds or obtains the node's client certificate (see the package description). */
public final class NodeClientCertificate {
  static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  public static final String SIGNER = "kubernetes.io/kube-apiserver-client-kubelet";
  public static final String CERT_FILE = "client-kubelet.crt";
  public static final String KEY_FILE = "client-kubelet.key";

  private NodeClientCertificate() {}

  public static Path certFile(Path agentDir) { return agentDir.resolve(CERT_FILE); }

  public static Path keyFile(Path agentDir) { return agentDir.resolve(KEY_FILE); }

  /** Whether {@code <agentDir>} holds a certificate for this node valid at {@code now} (with its key). */
  public static boolean usable(Path agentDir, String nodeName, Instant now) {
    try {
      if (!Files.isRegularFile(keyFile(agentDir)) || !Files.isRegularFile(certFile(agentDir))) return false;
      X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certFile(agentDir))));
      return c.getSubjectX500Principal().getName().contains("CN=system:node:" + nodeName)
          && now.isAfter(c.getNotBefore().toInstant()) && now.isBefore(c.getNotAfter().toInstant());
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * Makes sure {@code <agentDir>} holds a usable node client certificate: reuses a valid one, else
   * asks the cluster through {@code bootstrap} (a client with the join token) and waits up to
   * {@code timeout} for it to be approved and signed.
   */
  public static void ensure(KubernetesClient bootstrap, String nodeName, Path agentDir, Duration timeout, Consumer<String> progress)
      throws Exception {
    if (usable(agentDir, nodeName, Instant.now())) {
      progress.accept("using the node client certificate " + certFile(agentDir));
      return;
    }
    Files.createDirectories(agentDir);
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair kp = g.generateKeyPair();
    PKCS10CertificationRequest req = new JcaPKCS10CertificationRequestBuilder(
        new X500Name("O=system:nodes,CN=system:node:" + nodeName), kp.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate()));
    String name = "node-csr-" + nodeName + "-" + HexFormat.of().formatHex(java.security.SecureRandom.getSeed(4));
    if (name.length() > 253) name = name.substring(0, 253);
    CertificateSigningRequest csr = new CertificateSigningRequestBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withSignerName(SIGNER).withUsages(List.of("digital signature", "key encipherment", "client auth"))
        .withRequest(Base64.getEncoder().encodeToString(pem(req).getBytes(StandardCharsets.US_ASCII))).endSpec().build();
    Instant deadline = Instant.now().plus(timeout);
    Duration backoff = Duration.ofMillis(500);
    boolean retried = false;
    while (true) { // an agent may start before its server answers, as upstream's kubelet it keeps trying
      try {
        bootstrap.certificates().v1().certificateSigningRequests().resource(csr).create();
        break;
      } catch (KubernetesClientException e) {
        if (e.getCode() == 409 && retried) break; // an earlier try did arrive (the name is this agent's own, random)
        if (!worthRetrying(e) || Instant.now().plus(backoff).isAfter(deadline)) throw e;
        retried = true;
        progress.accept("the API server did not answer the CertificateSigningRequest yet (" + e.getMessage() + "); trying again in "
            + backoff.toMillis() + " ms");
        Thread.sleep(backoff.toMillis());
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      }
    }
    progress.accept("asked for a node client certificate (CertificateSigningRequest " + name + ")");
    String certPem = null;
    while (certPem == null) {
      CertificateSigningRequest now;
      try {
        now = bootstrap.certificates().v1().certificateSigningRequests().withName(name).get();
      } catch (KubernetesClientException e) {
        if (!worthRetrying(e) || Instant.now().isAfter(deadline)) throw e;
        Thread.sleep(500);
        continue;
      }
      if (now == null) throw new IllegalStateException("CertificateSigningRequest " + name + " was deleted before it was signed");
      if (now.getStatus() != null) {
        for (CertificateSigningRequestCondition c : now.getStatus().getConditions() == null
            ? List.<CertificateSigningRequestCondition>of() : now.getStatus().getConditions()) {
          if (("Denied".equals(c.getType()) || "Failed".equals(c.getType())) && !"False".equals(c.getStatus())) {
            throw new IllegalStateException("CertificateSigningRequest " + name + " " + c.getType().toLowerCase() + ": " + c.getMessage());
          }
        }
        String cert = now.getStatus().getCertificate();
        if (cert != null && !cert.isEmpty()) certPem = new String(Base64.getDecoder().decode(cert), StandardCharsets.US_ASCII);
      }
      if (certPem == null) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("CertificateSigningRequest " + name + " was not approved and signed within " + timeout.toSeconds()
              + " s (approve it with: kubectl certificate approve " + name + ")");
        }
        Thread.sleep(500);
      }
    }
    write(keyFile(agentDir), pem(kp.getPrivate()), true);
    write(certFile(agentDir), certPem, false);
    progress.accept("node client certificate issued for system:node:" + nodeName);
  }

  /** No answer (connection refused or timed out), overload or a server error: worth another try; a 401 or 403 is not. */
  static boolean worthRetrying(KubernetesClientException e) {
    return e.getCode() <= 0 || e.getCode() == 429 || e.getCode() >= 500;
  }

  private static String pem(Object o) throws IOException {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter p = new JcaPEMWriter(w)) {
      p.writeObject(o);
    }
    return w.toString();
  }

  private static void write(Path file, String content, boolean secret) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, content);
    if (secret) Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
