package io.j8s.apiserver.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Compact JWS (RFC 7515) with RS256 over a JSON claims set: what service account tokens are. */
final class Jwt {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DEC = Base64.getUrlDecoder();

  private Jwt() {}

  /** A token was not a well-formed JWT signed by our key. */
  static final class Invalid extends Exception {
    Invalid(String message) { super(message); }
  }

  static String sign(SigningKey key, ObjectNode claims) {
    ObjectNode header = JsonNodeFactory.instance.objectNode().put("alg", SigningKey.ALG).put("kid", key.keyId());
    String signingInput = ENC.encodeToString(bytes(header)) + "." + ENC.encodeToString(bytes(claims));
    return signingInput + "." + ENC.encodeToString(key.sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
  }

  /** Whether {@code token} has the shape of a compact JWS (three base64url parts). */
  static boolean looksLikeJwt(String token) {
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    return first > 0 && second > first + 1 && token.indexOf('.', second + 1) < 0 && second < token.length() - 1;
  }

  /** The claims of a token whose RS256 signature verifies with {@code key}. */
  static ObjectNode verify(SigningKey key, String token) throws Invalid {
    if (!looksLikeJwt(token)) throw new Invalid("not a compact JWT");
    int first = token.indexOf('.');
    int second = token.indexOf('.', first + 1);
    JsonNode header = parse(token.substring(0, first), "header");
    if (!SigningKey.ALG.equals(header.path("alg").asText())) throw new Invalid("unexpected signing algorithm \"" + header.path("alg").asText() + "\"");
    byte[] signature;
    try {
      signature = DEC.decode(token.substring(second + 1));
    } catch (IllegalArgumentException e) {
      throw new Invalid("signature is not base64url");
    }
    if (!key.verify(token.substring(0, second).getBytes(StandardCharsets.US_ASCII), signature)) throw new Invalid("invalid signature");
    JsonNode claims = parse(token.substring(first + 1, second), "claims");
    if (!claims.isObject()) throw new Invalid("claims are not a JSON object");
    return (ObjectNode) claims;
  }

  private static JsonNode parse(String part, String what) throws Invalid {
    try {
      return JSON.readTree(DEC.decode(part));
    } catch (IllegalArgumentException | IOException e) {
      throw new Invalid("malformed JWT " + what);
    }
  }

  private static byte[] bytes(ObjectNode o) {
    try {
      return JSON.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
