/**
 * The cluster's certificates, made on first start under {@code <data-dir>/server/tls} and reused
 * after: a server CA and serving certificate (SANs for the kubernetes service names, the
 * advertise addresses, loopback and the service CIDR's first IP), a client CA and the admin
 * client certificate (CN=system:admin, O=system:masters), the admin kubeconfig, and the node
 * join token. ECDSA P-256 keys through BouncyCastle; PEM files with mode 0600 for keys.
 */
package io.j8s.apiserver.pki;
