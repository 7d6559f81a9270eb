package io.j8s.kubelet.server;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The kubelet's serving certificate when it is given none, as upstream's kubelet makes one:
 * self-signed, for the node's names and addresses, kept in {@code <agentDir>/kubelet/kubelet.crt}
 * and {@code kubelet.key} (mode 0600) and reused until it nears expiry or the names change.
 */
record ServingCertificate(X509Certificate cert, PrivateKey key) {
  static final Duration VALIDITY = Duration.ofDays(365);

  static ServingCertificate loadOrCreate(Path dir, String hostname, List<String> sans) throws Exception {
    Files.createDirectories(dir);
    Path crt = dir.resolve("kubelet.crt");
    Path keyFile = dir.resolve("kubelet.key");
    if (Files.exists(crt) && Files.exists(keyFile)) {
      ServingCertificate c = read(crt, keyFile);
      if (c.cert().getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(30))) && c.names().containsAll(sans)) return c;
    }
    ServingCertificate c = create(hostname, sans);
    Files.writeString(crt, pem(c.cert()));
    Files.writeString(keyFile, "");
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(keyFile, pem(c.key()));
    return c;
  }

  static ServingCertificate create(String hostname, List<String> sans) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    KeyPair kp = g.generateKeyPair();
    Instant now = Instant.now();
    X500Name name = new X500Name("CN=" + hostname + "@" + now.getEpochSecond());
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(127, new SecureRandom()),
        Date.from(now.minusSeconds(3600)), Date.from(now.plus(VALIDITY)), name, kp.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    List<GeneralName> names = new ArrayList<>();
    for (String s : sans) names.add(new GeneralName(s.matches("[0-9.]+") || s.contains(":") ? GeneralName.iPAddress : GeneralName.dNSName, s));
    if (!names.isEmpty()) b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
    X509Certificate cert = new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
    return new ServingCertificate(cert, kp.getPrivate());
  }

  List<String> names() {
    List<String> out = new ArrayList<>();
    try {
      if (cert.getSubjectAlternativeNames() != null) for (List<?> e : cert.getSubjectAlternativeNames()) out.add(String.valueOf(e.get(1)));
    } catch (java.security.cert.CertificateParsingException e) {
      return List.of();
    }
    return out;
  }

  private static ServingCertificate read(Path crt, Path key) throws Exception {
    X509Certificate cert;
    try (PEMParser p = new PEMParser(new StringReader(Files.readString(crt)))) {
      cert = new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) p.readObject());
    }
    try (PEMParser p = new PEMParser(new StringReader(Files.readString(key)))) {
      return new ServingCertificate(cert, new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) p.readObject()));
    }
  }

  private static String pem(Object o) throws IOException {
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
}
