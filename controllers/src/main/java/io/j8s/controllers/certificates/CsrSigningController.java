package io.j8s.controllers.certificates;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.j8s.controllers.runtime.Controller;
import io.j8s.controllers.runtime.ControllerContext;
import io.j8s.controllers.runtime.Reconciler;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs approved {@code kubernetes.io/kube-apiserver-client-kubelet} requests with the cluster's
 * client CA, as upstream's csrsigning controller: status.certificate through {@code /status}; an
 * invalid request gets a Failed condition instead. Without a {@link SigningCa} in the options it
 * does nothing (the controllers then run against a cluster that signs elsewhere).
 */
public final class CsrSigningController implements Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(CsrSigningController.class);
  private final ControllerContext ctx;
  private final SigningCa ca;
  private final SharedIndexInformer<CertificateSigningRequest> csrs;

  private CsrSigningController(ControllerContext ctx) {
    this.ctx = ctx;
    this.ca = ctx.options().signingCa();
    this.csrs = ctx.informers().of(CertificateSigningRequest.class);
  }

  public static Controller create(ControllerContext ctx) {
    CsrSigningController r = new CsrSigningController(ctx);
    return new Controller("csrsigning", 2, ctx.clock(), r).watchSelf(r.csrs);
  }

  @Override public Outcome reconcile(String name) throws Exception {
    if (ca == null) return DONE;
    CertificateSigningRequest csr = csrs.getStore().getByKey(name);
    if (csr == null || csr.getSpec() == null) return DONE;
    CertificateRequest req = null;
    String parseError = null;
    try {
      req = CertificateRequest.parse(CsrApprovingController.decode(String.valueOf(csr.getSpec().getRequest())));
    } catch (IllegalArgumentException e) {
      parseError = e.getMessage();
    }
    CertificateSigningRequestBuilder next = new CertificateSigningRequestBuilder(csr);
    switch (CsrPlanner.signing(CsrView.of(csr), req, parseError)) {
      case CsrPlanner.Signing.Skip s -> {
        return DONE;
      }
      case CsrPlanner.Signing.Fail f -> next.editOrNewStatus().addToConditions(new CertificateSigningRequestConditionBuilder()
          .withType("Failed").withStatus("True").withReason("SignerValidationFailure").withMessage(f.message())
          .withLastUpdateTime(ctx.clock().now().truncatedTo(ChronoUnit.SECONDS).toString()).build()).endStatus();
      case CsrPlanner.Signing.Sign s -> {
        String pem = ca.sign(req, ctx.clock().now(), s.validity());
        next.editOrNewStatus().withCertificate(Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII))).endStatus();
      }
    }
    try {
      ctx.client().certificates().v1().certificateSigningRequests().resource(next.build()).updateStatus();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) return DONE;
      throw e;
    }
    LOG.info("csrsigning: {} {}", name, parseError == null ? "signed for " + req.commonName() : "failed: " + parseError);
    return DONE;
  }
}
