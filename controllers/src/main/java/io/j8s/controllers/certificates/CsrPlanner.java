package io.j8s.controllers.certificates;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Pure decisions over one CSR, after upstream's csrapproving (sarapprove) and csrsigning: which
 * permission an auto-approval needs, and whether and for how long to sign.
 */
public final class CsrPlanner {
  public static final String KUBELET_CLIENT_SIGNER = "kubernetes.io/kube-apiserver-client-kubelet";
  public static final String NODES_GROUP = "system:nodes";
  public static final String NODE_PREFIX = "system:node:";
  static final Set<String> ALLOWED_USAGES = Set.of("digital signature", "key encipherment", "client auth");
  public static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);
  static final Duration MIN_VALIDITY = Duration.ofMinutes(10);

  private CsrPlanner() {}

  /** What the approver does. */
  public sealed interface Approval {
    record Skip(String why) implements Approval {}

    /**
     * Approve if a SubjectAccessReview allows the requester {@code create} on
     * {@code certificatesigningrequests/<subresource>} in certificates.k8s.io.
     */
    record ApproveIfAllowed(String subresource) implements Approval {}
  }

  /** What the signer does. */
  public sealed interface Signing {
    record Skip(String why) implements Signing {}
    record Sign(Duration validity) implements Signing {}
    record Fail(String message) implements Signing {}
  }

  /** Why a request is not a node client certificate request, or null when it is one (upstream's ValidateKubeletClientCSR). */
  public static String notNodeClient(CsrView csr, CertificateRequest req) {
    if (!KUBELET_CLIENT_SIGNER.equals(csr.signerName())) return "signer is " + csr.signerName();
    if (!req.organizations().equals(List.of(NODES_GROUP))) return "subject organization is not system:nodes";
    if (!req.commonName().startsWith(NODE_PREFIX) || req.commonName().length() == NODE_PREFIX.length()) {
      return "subject common name does not begin with system:node:";
    }
    if (!req.alternativeNames().isEmpty()) return "subject alternative names are not allowed";
    if (!csr.usages().contains("client auth")) return "usages do not include client auth";
    for (String u : csr.usages()) if (!ALLOWED_USAGES.contains(u)) return "usage " + u + " is not allowed";
    return null;
  }

  /** @param req the parsed request, null if it could not be parsed */
  public static Approval approval(CsrView csr, CertificateRequest req) {
    if (csr.approved() || csr.denied()) return new Approval.Skip("already decided");
    if (csr.failed() || csr.issued()) return new Approval.Skip("already failed or issued");
    if (!KUBELET_CLIENT_SIGNER.equals(csr.signerName())) return new Approval.Skip("not a kubelet client certificate");
    if (req == null) return new Approval.Skip("request unparseable");
    String why = notNodeClient(csr, req);
    if (why != null) return new Approval.Skip(why);
    return new Approval.ApproveIfAllowed(req.commonName().equals(csr.username()) ? "selfnodeclient" : "nodeclient");
  }

  /** @param req the parsed request, null if it could not be parsed ({@code parseError} says why) */
  public static Signing signing(CsrView csr, CertificateRequest req, String parseError) {
    if (!KUBELET_CLIENT_SIGNER.equals(csr.signerName())) return new Signing.Skip("signer " + csr.signerName() + " is not ours");
    if (!csr.approved() || csr.denied() || csr.failed()) return new Signing.Skip("not approved");
    if (csr.issued()) return new Signing.Skip("already issued");
    if (req == null) return new Signing.Fail("invalid certificate request: " + parseError);
    String why = notNodeClient(csr, req);
    if (why != null) return new Signing.Fail("invalid kubelet client certificate request: " + why);
    return new Signing.Sign(validity(csr.expirationSeconds()));
  }

  /** spec.expirationSeconds bounded to [10 min, 1 year]; absent: 1 year. */
  static Duration validity(Integer expirationSeconds) {
    if (expirationSeconds == null) return DEFAULT_VALIDITY;
    Duration d = Duration.ofSeconds(expirationSeconds);
    if (d.compareTo(MIN_VALIDITY) < 0) return MIN_VALIDITY;
    return d.compareTo(DEFAULT_VALIDITY) > 0 ? DEFAULT_VALIDITY : d;
  }
}
