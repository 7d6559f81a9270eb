package io.j8s.controllers.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsrPlannerTest {
  static final List<String> USAGES = List.of("digital signature", "key encipherment", "client auth");
  static final String SIGNER = CsrPlanner.KUBELET_CLIENT_SIGNER;

  static String pem(Object o) throws Exception {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter p = new JcaPEMWriter(w)) {
      p.writeObject(o);
    }
    return w.toString();
  }

  static KeyPair rsa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  static byte[] request(String subject, String... dnsNames) throws Exception {
    KeyPair kp = rsa();
    var b = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), kp.getPublic());
    if (dnsNames.length > 0) {
      ExtensionsGenerator ext = new ExtensionsGenerator();
      GeneralName[] names = new GeneralName[dnsNames.length];
      for (int i = 0; i < names.length; i++) names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
      ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate());
    }
    return pem(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate()))).getBytes(StandardCharsets.US_ASCII);
  }

  static CsrView csr(String user, boolean approved, boolean issued) {
    return new CsrView("c", SIGNER, user, USAGES, approved, false, false, issued, null);
  }

  @Test
  void parsesSubjectAndNames() throws Exception {
    CertificateRequest r = CertificateRequest.parse(request("O=system:nodes,CN=system:node:a"));
    assertThat(r.commonName()).isEqualTo("system:node:a");
    assertThat(r.organizations()).containsExactly("system:nodes");
    assertThat(r.alternativeNames()).isEmpty();
    assertThat(CertificateRequest.parse(request("CN=x", "evil.example")).alternativeNames()).hasSize(1);
    assertThatThrownBy(() -> CertificateRequest.parse("not pem".getBytes())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bootstrapperAndSelfRequestsNeedTheirPermission() throws Exception {
    CertificateRequest node = CertificateRequest.parse(request("O=system:nodes,CN=system:node:a"));
    assertThat(CsrPlanner.approval(csr("system:bootstrap:j8s", false, false), node))
        .isEqualTo(new CsrPlanner.Approval.ApproveIfAllowed("nodeclient"));
    assertThat(CsrPlanner.approval(csr("system:node:a", false, false), node))
        .isEqualTo(new CsrPlanner.Approval.ApproveIfAllowed("selfnodeclient"));
    assertThat(CsrPlanner.approval(csr("x", true, false), node)).isInstanceOf(CsrPlanner.Approval.Skip.class);
    assertThat(CsrPlanner.approval(new CsrView("c", SIGNER, "x", USAGES, false, true, false, false, null), node))
        .as("denied stays denied").isInstanceOf(CsrPlanner.Approval.Skip.class);
    assertThat(CsrPlanner.approval(csr("x", false, false), null)).isInstanceOf(CsrPlanner.Approval.Skip.class);
  }

  @Test
  void onlyNodeClientShapesAreApproved() throws Exception {
    CsrView ok = csr("system:bootstrap:j8s", false, false);
    for (String subject : List.of("CN=system:node:a", "O=system:masters,CN=system:node:a", "O=system:nodes,CN=alice",
        "O=system:nodes,CN=system:node:", "O=system:nodes,O=system:masters,CN=system:node:a")) {
      assertThat(CsrPlanner.approval(ok, CertificateRequest.parse(request(subject)))).as(subject).isInstanceOf(CsrPlanner.Approval.Skip.class);
    }
    CertificateRequest node = CertificateRequest.parse(request("O=system:nodes,CN=system:node:a"));
    assertThat(CsrPlanner.approval(ok,
        CertificateRequest.parse(request("O=system:nodes,CN=system:node:a", "x")))).isInstanceOf(CsrPlanner.Approval.Skip.class);
    assertThat(CsrPlanner.approval(new CsrView("c", "kubernetes.io/kube-apiserver-client", "u", USAGES, false, false, false, false, null), node))
        .isInstanceOf(CsrPlanner.Approval.Skip.class);
    assertThat(CsrPlanner.approval(new CsrView("c", SIGNER, "u", List.of("server auth", "digital signature"), false, false, false, false, null),
        node)).isInstanceOf(CsrPlanner.Approval.Skip.class);
    assertThat(CsrPlanner.approval(new CsrView("c", SIGNER, "u", List.of("client auth", "cert sign"), false, false, false, false, null),
        node)).isInstanceOf(CsrPlanner.Approval.Skip.class);
  }

  @Test
  void signsApprovedOnceFailsInvalidAndBoundsValidity() throws Exception {
    CertificateRequest node = CertificateRequest.parse(request("O=system:nodes,CN=system:node:a"));
    assertThat(CsrPlanner.signing(csr("u", true, false), node, null)).isEqualTo(new CsrPlanner.Signing.Sign(Duration.ofDays(365)));
    assertThat(CsrPlanner.signing(csr("u", false, false), node, null)).isInstanceOf(CsrPlanner.Signing.Skip.class);
    assertThat(CsrPlanner.signing(csr("u", true, true), node, null)).isInstanceOf(CsrPlanner.Signing.Skip.class);
    assertThat(CsrPlanner.signing(csr("u", true, false), null, "bad")).isInstanceOf(CsrPlanner.Signing.Fail.class);
    assertThat(CsrPlanner.signing(csr("u", true, false), CertificateRequest.parse(request("O=system:masters,CN=system:node:a")), null))
        .as("an admin approved a request we must not sign").isInstanceOf(CsrPlanner.Signing.Fail.class);
    assertThat(CsrPlanner.validity(60)).isEqualTo(Duration.ofMinutes(10));
    assertThat(CsrPlanner.validity(3600)).isEqualTo(Duration.ofHours(1));
    assertThat(CsrPlanner.validity(Integer.MAX_VALUE)).isEqualTo(Duration.ofDays(365));
  }

  @Test
  void theSignerIssuesAClientCertificateFromTheCa(@TempDir Path dir) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    KeyPair ca = g.generateKeyPair();
    X500Name caName = new X500Name("CN=test-client-ca");
    var b = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, Date.from(Instant.now().minusSeconds(60)),
        Date.from(Instant.now().plus(Duration.ofDays(3650))), caName, ca.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    X509Certificate caCert = new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate())));
    Files.writeString(dir.resolve("ca.crt"), pem(caCert));
    // PKCS#8, as the server writes its CA keys
    Files.writeString(dir.resolve("ca.key"), "-----BEGIN PRIVATE KEY-----\n"
        + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(ca.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    Instant now = Instant.now();
    String out = new SigningCa(dir.resolve("ca.crt"), dir.resolve("ca.key"))
        .sign(CertificateRequest.parse(request("O=system:nodes,CN=system:node:a")), now, Duration.ofHours(2));
    X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(out.getBytes(StandardCharsets.US_ASCII)));
    c.verify(caCert.getPublicKey());
    assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=system:node:a,O=system:nodes");
    assertThat(c.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(c.getBasicConstraints()).isEqualTo(-1);
    assertThat(c.getNotAfter().toInstant()).isBetween(now.plus(Duration.ofHours(2)).minusSeconds(1), now.plus(Duration.ofHours(2)).plusSeconds(1));
  }
}
