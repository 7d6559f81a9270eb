package io.j8s.api.protobuf;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A protobuf message of the Kubernetes API as this server knows it: field numbers to JSON names.
 * Built once in the {@code *Schema} classes with the chained methods below, leaf types first.
 */
final class MessageType implements ValueType {
  private final String name;
  private final Map<Integer, Field> fields = new TreeMap<>();

  private MessageType(String name) { this.name = name; }

  static MessageType message(String name) { return new MessageType(name); }

  /** A top-level kind laid out as most are: 1 metadata, 2 spec, 3 status. */
  static MessageType object(String name, MessageType spec, MessageType status) {
    return message(name).req(1, "metadata", MetaV1Schema.OBJECT_META).req(2, "spec", spec).req(3, "status", status);
  }

  String name() { return name; }

  Field field(int number) { return fields.get(number); }

  Map<Integer, Field> fields() { return Collections.unmodifiableMap(fields); }

  @Override
  public int wireType() { return WireReader.LEN; }

  /** A non-pointer field with {@code omitempty}: zero scalars are left out of the JSON. */
  MessageType opt(int number, String json, ValueType type) {
    return add(new Field(number, json, type, Field.Shape.SINGLE, true));
  }

  /** A pointer field, a field without {@code omitempty}, or a nested struct: shown whenever sent. */
  MessageType req(int number, String json, ValueType type) {
    return add(new Field(number, json, type, Field.Shape.SINGLE, false));
  }

  /** A repeated field ({@code []T}); JSON array, left out when empty. */
  MessageType list(int number, String json, ValueType element) {
    return add(new Field(number, json, element, Field.Shape.REPEATED, false));
  }

  /** A {@code map[string]T}: repeated entry messages {1 key, 2 value}; left out when empty. */
  MessageType map(int number, String json, ValueType value) {
    return add(new Field(number, json, value, Field.Shape.MAP, false));
  }

  /** A struct embedded with {@code json:",inline"}: its fields appear in this object's JSON. */
  MessageType inline(int number, MessageType type) {
    return add(new Field(number, "(" + type.name() + ")", type, Field.Shape.INLINE, false));
  }

  private MessageType add(Field f) {
    if (fields.putIfAbsent(f.number(), f) != null) {
      throw new IllegalStateException(name + " declares field " + f.number() + " twice");
    }
    if (fields.values().stream().filter(o -> o.json().equals(f.json())).count() > 1) {
      throw new IllegalStateException(name + " declares JSON name " + f.json() + " twice");
    }
    return this;
  }

  @Override
  public String toString() { return name; }
}
