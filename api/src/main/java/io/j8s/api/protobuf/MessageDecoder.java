package io.j8s.api.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Base64;

/**
 * Turns one protobuf message into the JSON Go's encoder would write for the same object, driven by
 * a {@link MessageType}. Every field number must be in the schema: unknown numbers and wire-type
 * mismatches are errors, never dropped data.
 */
final class MessageDecoder {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String HINT = "send JSON instead (kubectl ... -o json | kubectl apply -f -)";

  /** Names the object in errors, e.g. "apps/v1 Deployment". */
  private final String label;

  MessageDecoder(String label) { this.label = label; }

  ObjectNode decode(MessageType type, WireReader r, String path) {
    ObjectNode out = NODES.objectNode();
    while (!r.atEnd()) {
      r.where = path.isEmpty() ? "the object" : path;
      int tag = r.readTag();
      int number = tag >>> 3;
      int wireType = tag & 7;
      Field f = type.field(number);
      if (f == null) {
        throw new ProtobufException(label + ": field " + number + " of " + (path.isEmpty() ? "the object" : path)
            + " is not known to this server; " + HINT);
      }
      String fieldPath = path.isEmpty() ? f.json() : path + "." + f.json();
      switch (f.shape()) {
        case SINGLE -> {
          expect(f, wireType, f.type().wireType(), path);
          r.where = fieldPath;
          JsonNode v = value(f.type(), r, fieldPath);
          if (v == null || (f.omitZero() && isZero(v))) out.remove(f.json()); // last one wins, as in Go
          else out.set(f.json(), v);
        }
        case REPEATED -> {
          ArrayNode arr = out.has(f.json()) ? (ArrayNode) out.get(f.json()) : out.putArray(f.json());
          String itemPath = fieldPath + "[" + arr.size() + "]";
          r.where = itemPath;
          if (wireType == WireReader.LEN && f.type().wireType() != WireReader.LEN) {
            WireReader packed = r.readLengthDelimited(); // packed repeated numbers
            while (!packed.atEnd()) arr.add(value(f.type(), packed, itemPath));
          } else {
            expect(f, wireType, f.type().wireType(), path);
            JsonNode v = value(f.type(), r, itemPath);
            arr.add(v == null ? NODES.nullNode() : v);
          }
        }
        case INLINE -> {
          expect(f, wireType, WireReader.LEN, path);
          r.where = path;
          out.setAll(decode((MessageType) f.type(), r.readLengthDelimited(), path));
        }
        case MAP -> {
          expect(f, wireType, WireReader.LEN, path);
          r.where = fieldPath;
          ObjectNode map = out.has(f.json()) ? (ObjectNode) out.get(f.json()) : out.putObject(f.json());
          mapEntry(f, r.readLengthDelimited(), fieldPath, map);
        }
      }
    }
    return out;
  }

  private void mapEntry(Field f, WireReader entry, String path, ObjectNode map) {
    String key = "";
    JsonNode value = null;
    while (!entry.atEnd()) {
      entry.where = path;
      int tag = entry.readTag();
      int number = tag >>> 3;
      int wireType = tag & 7;
      if (number == 1) {
        if (wireType != WireReader.LEN) throw mismatch(path + " key", wireType, WireReader.LEN);
        key = entry.readString();
      } else if (number == 2) {
        if (wireType != f.type().wireType()) throw mismatch(path + " value", wireType, f.type().wireType());
        value = value(f.type(), entry, path + "[" + key + "]");
      } else {
        throw new ProtobufException(label + ": field " + number + " of a map entry in " + path
            + " is not known to this server; " + HINT);
      }
    }
    map.set(key, value != null ? value : zero(f.type()));
  }

  /** Reads one value; null means "JSON would show nothing" (zero Time). */
  private JsonNode value(ValueType type, WireReader r, String path) {
    if (type instanceof MessageType m) return decode(m, r.readLengthDelimited(), path);
    return switch ((Scalar) type) {
      case STRING -> NODES.textNode(r.readString());
      case BYTES -> NODES.textNode(Base64.getEncoder().encodeToString(r.readBytes()));
      case INT32 -> NODES.numberNode((int) r.readVarint());
      case INT64 -> number(r.readVarint());
      case BOOL -> NODES.booleanNode(r.readVarint() != 0);
      case QUANTITY -> quantity(r.readLengthDelimited(), path);
      case INT_OR_STRING -> intOrString(r.readLengthDelimited(), path);
      case TIME -> time(r.readLengthDelimited(), path);
      case RAW_JSON -> rawJson(r.readLengthDelimited(), path);
    };
  }

  private JsonNode quantity(WireReader r, String path) {
    String s = "0"; // resource.Quantity's zero value marshals as "0"
    while (!r.atEnd()) {
      int tag = r.readTag();
      if (tag >>> 3 != 1) throw unknownInner(tag, "Quantity", path);
      expectInner(tag, WireReader.LEN, "Quantity.string", path);
      s = r.readString();
    }
    return NODES.textNode(s);
  }

  private JsonNode intOrString(WireReader r, String path) {
    long type = 0;
    int intVal = 0;
    String strVal = "";
    while (!r.atEnd()) {
      int tag = r.readTag();
      switch (tag >>> 3) {
        case 1 -> { expectInner(tag, WireReader.VARINT, "IntOrString.type", path); type = r.readVarint(); }
        case 2 -> { expectInner(tag, WireReader.VARINT, "IntOrString.intVal", path); intVal = (int) r.readVarint(); }
        case 3 -> { expectInner(tag, WireReader.LEN, "IntOrString.strVal", path); strVal = r.readString(); }
        default -> throw unknownInner(tag, "IntOrString", path);
      }
    }
    if (type == 0) return NODES.numberNode(intVal);
    if (type == 1) return NODES.textNode(strVal);
    throw new ProtobufException(label + ": IntOrString type " + type + " in " + path + " is neither 0 (int) nor 1 (string)");
  }

  /**
   * Go writes the zero time as an empty message (JSON null, so omitted here) and any other time as
   * {1 seconds, 2 nanos}; like Go's own decoder this keeps whole seconds, since JSON has no nanos.
   */
  private JsonNode time(WireReader r, String path) {
    if (r.atEnd()) return null;
    long seconds = 0;
    while (!r.atEnd()) {
      int tag = r.readTag();
      switch (tag >>> 3) {
        case 1 -> { expectInner(tag, WireReader.VARINT, "Time.seconds", path); seconds = r.readVarint(); }
        case 2 -> { expectInner(tag, WireReader.VARINT, "Time.nanos", path); r.readVarint(); }
        default -> throw unknownInner(tag, "Time", path);
      }
    }
    try {
      return NODES.textNode(Instant.ofEpochSecond(seconds).toString()); // RFC 3339, UTC
    } catch (java.time.DateTimeException e) {
      throw new ProtobufException(label + ": Time.seconds " + seconds + " in " + path + " is out of range", e);
    }
  }

  private JsonNode rawJson(WireReader r, String path) {
    byte[] raw = new byte[0];
    while (!r.atEnd()) {
      int tag = r.readTag();
      if (tag >>> 3 != 1) throw unknownInner(tag, "FieldsV1", path);
      expectInner(tag, WireReader.LEN, "FieldsV1.Raw", path);
      raw = r.readBytes();
    }
    if (raw.length == 0) return NODES.objectNode();
    try {
      return JSON.readTree(raw);
    } catch (java.io.IOException e) {
      throw new ProtobufException(label + ": " + path + " does not hold valid JSON: " + e.getMessage(), e);
    }
  }

  private static JsonNode number(long v) {
    return v == (int) v ? NODES.numberNode((int) v) : NODES.numberNode(v);
  }

  private static boolean isZero(JsonNode v) {
    return (v.isTextual() && v.textValue().isEmpty()) || (v.isNumber() && v.doubleValue() == 0)
        || (v.isBoolean() && !v.booleanValue());
  }

  private static JsonNode zero(ValueType type) {
    if (type instanceof MessageType) return NODES.objectNode();
    return switch ((Scalar) type) {
      case STRING, BYTES -> NODES.textNode("");
      case INT32, INT64, INT_OR_STRING -> NODES.numberNode(0);
      case BOOL -> NODES.booleanNode(false);
      case QUANTITY -> NODES.textNode("0");
      case TIME -> NODES.nullNode();
      case RAW_JSON -> NODES.objectNode();
    };
  }

  private void expect(Field f, int actual, int expected, String path) {
    if (actual != expected) {
      throw mismatch((path.isEmpty() ? "" : path + ".") + f.json() + " (field " + f.number() + ")", actual, expected);
    }
  }

  private void expectInner(int tag, int expected, String what, String path) {
    if ((tag & 7) != expected) throw mismatch(what + " in " + path, tag & 7, expected);
  }

  private ProtobufException mismatch(String what, int actual, int expected) {
    return new ProtobufException(label + ": " + what + " has wire type " + WireReader.wireTypeName(actual)
        + ", expected " + WireReader.wireTypeName(expected));
  }

  private ProtobufException unknownInner(int tag, String type, String path) {
    return new ProtobufException(label + ": field " + (tag >>> 3) + " of " + type + " in " + path
        + " is not known to this server; " + HINT);
  }
}
