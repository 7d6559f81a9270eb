package io.j8s.controllers.certificates;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import java.util.List;

/** The parts of a CertificateSigningRequest the planner reads. */
public record CsrView(String name, String signerName, String username, List<String> usages, boolean approved, boolean denied,
    boolean failed, boolean issued, Integer expirationSeconds) {

  public static CsrView of(CertificateSigningRequest csr) {
    boolean approved = false;
    boolean denied = false;
    boolean failed = false;
    boolean issued = false;
    if (csr.getStatus() != null) {
      List<CertificateSigningRequestCondition> conds = csr.getStatus().getConditions() == null ? List.of() : csr.getStatus().getConditions();
      for (CertificateSigningRequestCondition c : conds) {
        boolean on = c.getStatus() == null || c.getStatus().isEmpty() || "True".equals(c.getStatus());
        switch (String.valueOf(c.getType())) {
          case "Approved" -> approved |= on;
          case "Denied" -> denied |= on;
          case "Failed" -> failed |= on;
          default -> { }
        }
      }
      issued = csr.getStatus().getCertificate() != null && !csr.getStatus().getCertificate().isEmpty();
    }
    var spec = csr.getSpec();
    return new CsrView(csr.getMetadata().getName(), spec.getSignerName(), spec.getUsername(),
        spec.getUsages() == null ? List.of() : List.copyOf(spec.getUsages()), approved, denied, failed, issued, spec.getExpirationSeconds());
  }
}
