package io.j8s.api.protobuf;

import static io.j8s.api.protobuf.MessageType.message;
import static io.j8s.api.protobuf.MessageType.object;
import static io.j8s.api.protobuf.Scalar.*;

/**
 * authentication.k8s.io/v1 TokenRequest ({@code kubectl create token}).
 *
 * <p>Field numbers, JSON names and omitempty/pointer-ness are those kubectl v1.32 encodes with (see
 * the package doc for how they were read off the binary and checked); leaf messages come first.
 */
final class AuthenticationV1Schema {
  private AuthenticationV1Schema() {}

  static final MessageType BOUND_OBJECT_REFERENCE = message("BoundObjectReference")
      .opt(1, "kind", STRING)
      .opt(2, "apiVersion", STRING)
      .opt(3, "name", STRING)
      .opt(4, "uid", STRING);

  static final MessageType TOKEN_REQUEST_SPEC = message("TokenRequestSpec")
      .list(1, "audiences", STRING)
      .req(4, "expirationSeconds", INT64)
      .req(3, "boundObjectRef", BOUND_OBJECT_REFERENCE);

  static final MessageType TOKEN_REQUEST_STATUS = message("TokenRequestStatus")
      .req(1, "token", STRING)
      .req(2, "expirationTimestamp", TIME);

  static final MessageType TOKEN_REQUEST = object("TokenRequest", TOKEN_REQUEST_SPEC, TOKEN_REQUEST_STATUS);
}
