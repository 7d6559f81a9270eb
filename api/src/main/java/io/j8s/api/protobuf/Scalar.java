package io.j8s.api.protobuf;

/**
 * Leaf value types. The last five are small apimachinery messages that JSON shows as one value:
 * Quantity {1 string} as "500m"; IntOrString {1 type, 2 intVal, 3 strVal} as 80 or "http";
 * Time {1 seconds, 2 nanos} as RFC 3339 seconds (zero time is JSON null, so omitted);
 * MicroTime the same with microseconds; FieldsV1 {1 raw} as the JSON object it holds.
 */
enum Scalar implements ValueType {
  STRING(WireReader.LEN),
  /** Go []byte: base64 in JSON. */
  BYTES(WireReader.LEN),
  INT32(WireReader.VARINT),
  INT64(WireReader.VARINT),
  BOOL(WireReader.VARINT),
  QUANTITY(WireReader.LEN),
  INT_OR_STRING(WireReader.LEN),
  TIME(WireReader.LEN),
  RAW_JSON(WireReader.LEN);

  private final int wireType;

  Scalar(int wireType) { this.wireType = wireType; }

  @Override
  public int wireType() { return wireType; }
}
