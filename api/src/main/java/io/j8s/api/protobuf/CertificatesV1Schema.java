package io.j8s.api.protobuf;

import static io.j8s.api.protobuf.MessageType.message;
import static io.j8s.api.protobuf.MessageType.object;
import static io.j8s.api.protobuf.Scalar.*;

/**
 * certificates.k8s.io/v1 CertificateSigningRequest ({@code kubectl certificate approve|deny} sends
 * it whole to {@code /approval}).
 *
 * <p>Field numbers and JSON names as in upstream's certificates/v1 generated.proto; leaf messages
 * come first.
 */
final class CertificatesV1Schema {
  private CertificatesV1Schema() {}

  static final MessageType CONDITION = message("CertificateSigningRequestCondition")
      .opt(1, "type", STRING)
      .opt(6, "status", STRING)
      .opt(2, "reason", STRING)
      .opt(3, "message", STRING)
      .opt(4, "lastUpdateTime", TIME)
      .opt(5, "lastTransitionTime", TIME);

  static final MessageType SPEC = message("CertificateSigningRequestSpec")
      .opt(1, "request", BYTES)
      .opt(7, "signerName", STRING)
      .opt(8, "expirationSeconds", INT32)
      .list(5, "usages", STRING)
      .opt(2, "username", STRING)
      .opt(3, "uid", STRING)
      .list(4, "groups", STRING)
      .map(6, "extra", AuthorizationV1Schema.EXTRA_VALUE);

  static final MessageType STATUS = message("CertificateSigningRequestStatus")
      .list(1, "conditions", CONDITION)
      .opt(2, "certificate", BYTES);

  static final MessageType CERTIFICATE_SIGNING_REQUEST = object("CertificateSigningRequest", SPEC, STATUS);
}
