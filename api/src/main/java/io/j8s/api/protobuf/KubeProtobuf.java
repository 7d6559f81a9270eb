package io.j8s.api.protobuf;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Decodes request bodies sent as {@code application/vnd.kubernetes.protobuf} (what kubectl's typed
 * clients use for {@code create namespace}, {@code create deployment} ...) into the
 * JSON object the rest of the server works with.
 *
 * <p>Body layout: the 4 bytes {@code k8s\0}, then a runtime.Unknown message {1 typeMeta {1
 * apiVersion, 2 kind}, 2 raw (the object's own message), 3 contentEncoding, 4 contentType}.
 */
public final class KubeProtobuf {
  public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";
  private static final byte[] MAGIC = {'k', '8', 's', 0};

  private KubeProtobuf() {}

  /** Decodes a k8s protobuf envelope into JSON with apiVersion and kind set. */
  public static ObjectNode decode(byte[] body) throws ProtobufException {
    if (body == null || body.length < MAGIC.length || body[0] != MAGIC[0] || body[1] != MAGIC[1]
        || body[2] != MAGIC[2] || body[3] != MAGIC[3]) {
      throw new ProtobufException("not a Kubernetes protobuf body: it must start with the 4 bytes \"k8s\\0\"");
    }
    WireReader r = new WireReader(body, MAGIC.length, body.length, "protobuf envelope");
    String apiVersion = "";
    String kind = "";
    WireReader raw = null;
    String contentEncoding = "";
    String contentType = "";
    while (!r.atEnd()) {
      int tag = r.readTag();
      int number = tag >>> 3;
      int wireType = tag & 7;
      if (number < 1 || number > 4) {
        throw new ProtobufException("protobuf envelope: field " + number + " of runtime.Unknown is not known to this server");
      }
      if (wireType != WireReader.LEN) {
        throw new ProtobufException("protobuf envelope: field " + number + " of runtime.Unknown has wire type "
            + WireReader.wireTypeName(wireType) + ", expected length-delimited");
      }
      switch (number) {
        case 1 -> {
          WireReader tm = r.readLengthDelimited();
          while (!tm.atEnd()) {
            int t = tm.readTag();
            if ((t & 7) != WireReader.LEN || (t >>> 3) > 2) {
              throw new ProtobufException("protobuf envelope: field " + (t >>> 3) + " (wire type "
                  + WireReader.wireTypeName(t & 7) + ") of typeMeta is not known to this server");
            }
            if ((t >>> 3) == 1) apiVersion = tm.readString();
            else kind = tm.readString();
          }
        }
        case 2 -> raw = r.readLengthDelimited();
        case 3 -> contentEncoding = r.readString();
        default -> contentType = r.readString();
      }
    }
    String label = (apiVersion + " " + kind).trim();
    if (apiVersion.isEmpty() || kind.isEmpty()) {
      throw new ProtobufException("protobuf envelope" + (label.isEmpty() ? "" : " (" + label + ")")
          + ": apiVersion and kind are required");
    }
    if (!contentEncoding.isEmpty()) {
      throw new ProtobufException(label + ": content encoding \"" + contentEncoding + "\" is not supported");
    }
    if (!contentType.isEmpty() && !contentType.equals(MEDIA_TYPE)) {
      throw new ProtobufException(label + ": embedded content type \"" + contentType + "\" is not supported");
    }
    MessageType type = Kinds.lookup(apiVersion, kind);
    if (type == null) {
      throw new ProtobufException(label + ": kind is not known to this server's protobuf decoder; " + MessageDecoder.HINT);
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode().put("kind", kind).put("apiVersion", apiVersion);
    if (raw != null) out.setAll(new MessageDecoder(label).decode(type, raw.relabel(label), ""));
    return out;
  }
}
