/**
 * The node's API credential, as upstream's kubelet TLS bootstrap: with the join token (a
 * bootstrap identity), the agent makes an RSA key and asks through a
 * {@code kubernetes.io/kube-apiserver-client-kubelet} CertificateSigningRequest for
 * {@code CN=system:node:<name>, O=system:nodes}; once the cluster approved and signed it, key
 * and certificate are kept as {@code <agentDir>/client-kubelet.{key,crt}} and used from then on,
 * also after a restart while the certificate is valid. Rotation before expiry is not done yet: an
 * expired certificate is replaced by bootstrapping again (the join token must still be valid).
 */
package io.j8s.kubelet.bootstrap;
