/**
 * Node client certificates through CertificateSigningRequests, as upstream's csrapproving and
 * csrsigning controllers: {@link io.j8s.controllers.certificates.CsrApprovingController}
 * approves a {@code kubernetes.io/kube-apiserver-client-kubelet} request for
 * {@code CN=system:node:<name>, O=system:nodes} when a SubjectAccessReview says its requester
 * may create {@code certificatesigningrequests/nodeclient} (a bootstrapper) or
 * {@code certificatesigningrequests/selfnodeclient} (the node itself renewing);
 * {@link io.j8s.controllers.certificates.CsrSigningController} signs approved requests of that
 * signer with the cluster's client CA, given through {@link io.j8s.controllers.certificates.SigningCa}
 * in the controller options (no CA given: no signing). What to do is a pure decision
 * ({@link io.j8s.controllers.certificates.CsrPlanner}) over the CSR and its parsed PKCS#10 request.
 */
package io.j8s.controllers.certificates;
