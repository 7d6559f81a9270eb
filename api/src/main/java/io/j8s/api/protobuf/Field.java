package io.j8s.api.protobuf;

/**
 * One entry of a {@link MessageType}: protobuf field {@code number} is JSON property {@code json}.
 *
 * <p>{@code INLINE} fields are Go structs embedded with {@code json:",inline"} (Volume's
 * VolumeSource, Probe's ProbeHandler): a nested message on the wire whose fields JSON shows in the
 * enclosing object; {@code json} is then only a label for error messages.
 *
 * @param omitZero Go {@code omitempty} on a non-pointer scalar: the Go encoder always writes such
 *     fields on the wire (even "" or 0), but JSON leaves the zero value out. False for pointers and
 *     for fields without omitempty, whose zero values JSON shows.
 */
record Field(int number, String json, ValueType type, Shape shape, boolean omitZero) {
  enum Shape { SINGLE, REPEATED, MAP, INLINE }
}
