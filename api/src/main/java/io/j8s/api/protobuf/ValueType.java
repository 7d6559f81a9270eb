package io.j8s.api.protobuf;

/** What a schema field holds: a {@link Scalar} or a nested {@link MessageType}. */
sealed interface ValueType permits Scalar, MessageType {
  /** The wire type a single (non-packed) value of this type arrives with. */
  int wireType();
}
