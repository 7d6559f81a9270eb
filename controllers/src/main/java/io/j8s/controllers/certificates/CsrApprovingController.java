package io.j8s.controllers.certificates;

import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.j8s.controllers.runtime.Controller;
import io.j8s.controllers.runtime.ControllerContext;
import io.j8s.controllers.runtime.Reconciler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Auto-approves node client certificate requests as upstream's csrapproving controller: the
 * {@link CsrPlanner} says which permission the requester needs, a SubjectAccessReview asks the
 * API server whether it has it, and an Approved condition goes in through {@code /approval}.
 */
public final class CsrApprovingController implements Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(CsrApprovingController.class);
  private final ControllerContext ctx;
  private final SharedIndexInformer<CertificateSigningRequest> csrs;

  private CsrApprovingController(ControllerContext ctx) {
    this.ctx = ctx;
    this.csrs = ctx.informers().of(CertificateSigningRequest.class);
  }

  public static Controller create(ControllerContext ctx) {
    CsrApprovingController r = new CsrApprovingController(ctx);
    return new Controller("csrapproving", 2, ctx.clock(), r).watchSelf(r.csrs);
  }

  @Override public Outcome reconcile(String name) {
    CertificateSigningRequest csr = csrs.getStore().getByKey(name);
    if (csr == null || csr.getSpec() == null) return DONE;
    CertificateRequest req;
    try {
      req = CertificateRequest.parse(csr.getSpec().getRequest() == null ? new byte[0] : decode(csr.getSpec().getRequest()));
    } catch (IllegalArgumentException e) {
      req = null;
    }
    if (!(CsrPlanner.approval(CsrView.of(csr), req) instanceof CsrPlanner.Approval.ApproveIfAllowed a)) return DONE;
    if (!allowed(csr, a.subresource())) {
      LOG.info("csrapproving: {} not approved: {} may not create certificatesigningrequests/{}", name, csr.getSpec().getUsername(),
          a.subresource());
      return DONE;
    }
    var approved = new CertificateSigningRequestConditionBuilder().withType("Approved").withStatus("True")
        .withReason("AutoApproved").withMessage("Auto approving kubelet client certificate after SubjectAccessReview.")
        .withLastUpdateTime(ctx.clock().now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()).build();
    try {
      ctx.client().certificates().v1().certificateSigningRequests().withName(name).approve(approved);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) return DONE;
      throw e;
    }
    LOG.info("csrapproving: approved {} for {}", name, csr.getSpec().getUsername());
    return DONE;
  }

  /** spec.request: fabric8 keeps the bytes base64 as sent on the wire. */
  static byte[] decode(String request) {
    try {
      return java.util.Base64.getDecoder().decode(request);
    } catch (IllegalArgumentException e) {
      return request.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
  }

  private boolean allowed(CertificateSigningRequest csr, String subresource) {
    var spec = csr.getSpec();
    var extra = new HashMap<String, List<String>>();
    if (spec.getExtra() != null) spec.getExtra().forEach((k, v) -> extra.put(k, new ArrayList<>(v)));
    SubjectAccessReview sar = new SubjectAccessReviewBuilder().withNewSpec()
        .withUser(spec.getUsername()).withUid(spec.getUid()).withGroups(spec.getGroups()).withExtra(extra)
        .withNewResourceAttributes().withGroup("certificates.k8s.io").withResource("certificatesigningrequests")
        .withSubresource(subresource).withVerb("create").endResourceAttributes().endSpec().build();
    SubjectAccessReview answer = ctx.client().authorization().v1().subjectAccessReview().create(sar);
    return answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
  }
}
