package io.j8s.kubelet.server;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throwaway client CA and a client certificate from it, and TLS contexts for tests of the kubelet API. */
final class TestPki {
  final KeyPair caKey;
  final X509Certificate ca;
  final KeyPair clientKey;
  final X509Certificate client;

  TestPki(String clientSubject) throws Exception {
    caKey = keyPair();
    ca = sign(new X500Name("CN=test-client-ca"), new X500Name("CN=test-client-ca"), caKey, caKey, true);
    clientKey = keyPair();
    client = sign(new X500Name("CN=test-client-ca"), new X500Name(clientSubject), clientKey, caKey, false);
  }

  Path writeCa(Path dir) throws Exception {
    java.io.StringWriter w = new java.io.StringWriter();
    try (JcaPEMWriter p = new JcaPEMWriter(w)) {
      p.writeObject(ca);
    }
    return Files.writeString(dir.resolve("client-ca.crt"), w.toString());
  }

  /** Trusts the kubelet's serving certificate file; presents the client certificate when {@code withCert}. */
  SSLContext context(Path servingCert, boolean withCert) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (var in = Files.newInputStream(servingCert)) {
      trust.setCertificateEntry("kubelet", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (withCert) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("client", clientKey.getPrivate(), new char[0], new Certificate[] {client, ca});
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, new char[0]);
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }

  private static KeyPair keyPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    return g.generateKeyPair();
  }

  private static X509Certificate sign(X500Name issuer, X500Name subject, KeyPair subjectKey, KeyPair issuerKey, boolean ca) throws Exception {
    Instant now = Instant.now();
    var b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()), Date.from(now.minusSeconds(60)),
        Date.from(now.plusSeconds(86400)), subject, subjectKey.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
  }
}
