package io.j8s.controllers.certificates;

import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * The CA the signer issues node client certificates with: PEM certificate and key files (the
 * server's client CA, {@code <data-dir>/server/tls/client-ca.{crt,key}}), read when signing.
 */
public record SigningCa(Path certFile, Path keyFile) {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Issues a client certificate for the request's subject and key; returns it as PEM. */
  public String sign(CertificateRequest req, Instant now, Duration validity) throws Exception {
    X509Certificate ca;
    try (PEMParser p = new PEMParser(new StringReader(Files.readString(certFile)))) {
      ca = new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) p.readObject());
    }
    PrivateKey key;
    try (PEMParser p = new PEMParser(new StringReader(Files.readString(keyFile)))) {
      Object o = p.readObject();
      JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
      key = o instanceof PEMKeyPair kp ? conv.getKeyPair(kp).getPrivate() : conv.getPrivateKey((PrivateKeyInfo) o);
    }
    Instant notAfter = now.plus(validity);
    if (notAfter.isAfter(ca.getNotAfter().toInstant())) notAfter = ca.getNotAfter().toInstant();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca, new BigInteger(127, RANDOM), Date.from(now.minusSeconds(300)),
        Date.from(notAfter), req.raw().getSubject(), new JcaPKCS10CertificationRequest(req.raw()).getPublicKey());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    String alg = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(alg).build(key)));
    java.io.StringWriter w = new java.io.StringWriter();
    try (JcaPEMWriter p = new JcaPEMWriter(w)) {
      p.writeObject(cert);
    }
    return w.toString();
  }
}
