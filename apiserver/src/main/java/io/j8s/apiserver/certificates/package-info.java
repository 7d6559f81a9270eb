/**
 * certificates.k8s.io served as upstream's registry strategy does: a CertificateSigningRequest's
 * requester (spec.username, uid, groups, extra) is the authenticated user who created it, never
 * what the body says, and its spec cannot change afterwards. Approval and signing belong to
 * controllers (the controllers module's {@code certificates} package), reached through the
 * {@code /approval} and {@code /status} subresources.
 */
package io.j8s.apiserver.certificates;
