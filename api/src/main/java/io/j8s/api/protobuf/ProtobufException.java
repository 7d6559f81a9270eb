package io.j8s.api.protobuf;

/**
 * A Kubernetes protobuf body this server cannot turn into JSON: malformed wire data, an unknown
 * kind, or a field number missing from the schema table. The message names the kind and the field
 * path so the client can tell what was refused.
 */
public final class ProtobufException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProtobufException(String message) { super(message); }

  public ProtobufException(String message, Throwable cause) { super(message, cause); }
}
