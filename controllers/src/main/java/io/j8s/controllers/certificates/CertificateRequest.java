package io.j8s.controllers.certificates;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * What a PKCS#10 request (spec.request, PEM) asks for: subject CN and O values, and any subject
 * alternative names (a node client certificate may have none).
 */
public record CertificateRequest(String commonName, List<String> organizations, List<String> alternativeNames,
    PKCS10CertificationRequest raw) {

  /** Parses and checks the request's self-signature; throws IllegalArgumentException when it is not a valid request. */
  public static CertificateRequest parse(byte[] pem) {
    Object o;
    try (PEMParser p = new PEMParser(new StringReader(new String(pem, java.nio.charset.StandardCharsets.US_ASCII)))) {
      o = p.readObject();
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("spec.request is not PEM: " + e.getMessage());
    }
    if (!(o instanceof PKCS10CertificationRequest req)) throw new IllegalArgumentException("spec.request holds no CERTIFICATE REQUEST block");
    try {
      if (!req.isSignatureValid(new JcaContentVerifierProviderBuilder().build(new JcaPKCS10CertificationRequest(req).getPublicKey()))) {
        throw new IllegalArgumentException("the request's signature does not verify");
      }
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalArgumentException("the request's signature cannot be checked: " + e.getMessage());
    }
    X500Name subject = req.getSubject();
    String cn = "";
    for (RDN r : subject.getRDNs(BCStyle.CN)) cn = IETFUtils.valueToString(r.getFirst().getValue());
    List<String> orgs = new ArrayList<>();
    for (RDN r : subject.getRDNs(BCStyle.O)) orgs.add(IETFUtils.valueToString(r.getFirst().getValue()));
    List<String> sans = new ArrayList<>();
    for (var attr : req.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
      for (ASN1Encodable v : attr.getAttrValues()) {
        GeneralNames names = GeneralNames.fromExtensions(Extensions.getInstance(v), Extension.subjectAlternativeName);
        if (names != null) for (GeneralName n : names.getNames()) sans.add(n.toString());
      }
    }
    return new CertificateRequest(cn, List.copyOf(orgs), List.copyOf(sans), req);
  }
}
