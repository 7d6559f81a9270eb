package io.j8s.apiserver.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/** Key generation, certificate signing and PEM files. */
final class Certs {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Certs() {}

  /** A certificate with its key. */
  record Issued(X509Certificate cert, PrivateKey key) {}

  static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return g.generateKeyPair();
  }

  /** RSA for client certificates: every client library (fabric8 included) reads RSA keys. */
  static KeyPair rsaKeyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048, RANDOM);
    return g.generateKeyPair();
  }

  static Issued selfSignedCa(String cn, Duration validity) throws Exception {
    KeyPair kp = keyPair();
    X500Name name = new X500Name("CN=" + cn);
    Instant now = Instant.now();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minusSeconds(3600)),
        Date.from(now.plus(validity)), name, kp.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
    return new Issued(sign(b, kp.getPrivate()), kp.getPrivate());
  }

  /**
   * @param client  a client certificate (else a serving certificate)
   * @param sans    DNS names and IP addresses for a serving certificate
   */
  static Issued issue(Issued ca, String subject, boolean client, List<String> sans, Instant notBefore, Instant notAfter) throws Exception {
    KeyPair kp = client ? rsaKeyPair() : keyPair();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca.cert(), serial(), Date.from(notBefore), Date.from(notAfter),
        new X500Name(subject), kp.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    b.addExtension(Extension.extendedKeyUsage, false,
        new ExtendedKeyUsage(client ? KeyPurposeId.id_kp_clientAuth : KeyPurposeId.id_kp_serverAuth));
    if (!sans.isEmpty()) {
      List<GeneralName> names = new ArrayList<>();
      for (String s : sans) names.add(new GeneralName(isIp(s) ? GeneralName.iPAddress : GeneralName.dNSName, s));
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
    }
    return new Issued(sign(b, ca.key()), kp.getPrivate());
  }

  static boolean isIp(String s) { return s.matches("[0-9.]+") || s.contains(":"); }

  private static BigInteger serial() { return new BigInteger(127, RANDOM); }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws Exception {
    return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
  }

  static String pem(Object o) throws IOException {
    if (o instanceof PrivateKey k) {
      String b64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(k.getEncoded());
      return "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n";
    }
    StringWriter w = new StringWriter();
    try (JcaPEMWriter p = new JcaPEMWriter(w)) {
      p.writeObject(o);
    }
    return w.toString();
  }

  static void write(Path dir, String base, Issued i) throws IOException {
    Files.writeString(dir.resolve(base + ".crt"), pem(i.cert()));
    Path key = dir.resolve(base + ".key");
    Files.writeString(key, pem(i.key()));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
  }

  static Issued read(Path dir, String base) throws Exception {
    Path crt = dir.resolve(base + ".crt");
    Path key = dir.resolve(base + ".key");
    if (!Files.exists(crt) || !Files.exists(key)) return null;
    X509Certificate cert;
    try (PEMParser p = new PEMParser(new StringReader(Files.readString(crt)))) {
      cert = new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) p.readObject());
    }
    PrivateKey pk;
    try (PEMParser p = new PEMParser(new StringReader(Files.readString(key)))) {
      Object o = p.readObject();
      JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
      pk = o instanceof PEMKeyPair kp ? conv.getKeyPair(kp).getPrivate() : conv.getPrivateKey((PrivateKeyInfo) o);
    }
    return new Issued(cert, pk);
  }
}
