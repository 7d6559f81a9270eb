package io.j8s.api.fields;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses JSON (or YAML) into a tree and reports every duplicate key with its path. Like Go's
 * decoder the last value of a duplicate key wins, so the caller can still store the object when
 * field validation is not Strict; with Strict it rejects on {@link Parsed#duplicates()}.
 */
public final class StrictJson {
  private static final JsonFactory JSON = new JsonFactory();
  private static final YAMLFactory YAML = new YAMLFactory();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private StrictJson() {}

  /** What parsing produced. */
  public sealed interface Result permits Parsed, Malformed {}

  /**
   * A tree; {@code duplicates} are the paths of repeated keys in document order, e.g.
   * {@code .metadata.name} or {@code .spec.containers[0].image}.
   */
  public record Parsed(JsonNode node, List<String> duplicates) implements Result {
    public Parsed {
      duplicates = List.copyOf(duplicates);
    }

    /** Upstream-style messages, one per duplicate: {@code json: duplicate field "metadata.name"}. */
    public List<String> errors() {
      return duplicates.stream().map(StrictJson::duplicateMessage).toList();
    }
  }

  /** The input is not well-formed; {@code message} says where. */
  public record Malformed(String message) implements Result {}

  public static Result parseJson(byte[] json) { return parse(JSON, json); }

  public static Result parseYaml(byte[] yaml) { return parse(YAML, yaml); }

  /** {@code json: duplicate field "metadata.name"} for the path {@code .metadata.name}. */
  public static String duplicateMessage(String path) {
    return "json: duplicate field \"" + (path.startsWith(".") ? path.substring(1) : path) + "\"";
  }

  private static Result parse(JsonFactory factory, byte[] bytes) {
    try (JsonParser p = factory.createParser(bytes)) {
      JsonToken first = p.nextToken();
      if (first == null) return new Malformed("empty document");
      List<String> duplicates = new ArrayList<>();
      JsonNode node = value(p, first, "", duplicates);
      if (p.nextToken() != null) {
        return new Malformed("unexpected content after the document at " + location(p));
      }
      return new Parsed(node, duplicates);
    } catch (JsonProcessingException e) {
      return new Malformed(e.getOriginalMessage() + " at " + location(e.getLocation()));
    } catch (IOException e) {
      return new Malformed(e.getMessage());
    }
  }

  private static JsonNode value(JsonParser p, JsonToken t, String path, List<String> duplicates) throws IOException {
    switch (t) {
      case START_OBJECT: {
        ObjectNode o = F.objectNode();
        for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
          String name = p.currentName();
          String child = path + "." + name;
          JsonNode v = value(p, p.nextToken(), child, duplicates);
          if (o.has(name)) duplicates.add(child);
          o.set(name, v);
        }
        return o;
      }
      case START_ARRAY: {
        ArrayNode a = F.arrayNode();
        int i = 0;
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          a.add(value(p, e, path + "[" + i++ + "]", duplicates));
        }
        return a;
      }
      case VALUE_STRING: return F.textNode(p.getText());
      case VALUE_NUMBER_INT:
        return switch (p.getNumberType()) {
          case INT -> F.numberNode(p.getIntValue());
          case LONG -> F.numberNode(p.getLongValue());
          default -> F.numberNode(p.getBigIntegerValue());
        };
      case VALUE_NUMBER_FLOAT: return F.numberNode(p.getDoubleValue());
      case VALUE_TRUE: return F.booleanNode(true);
      case VALUE_FALSE: return F.booleanNode(false);
      case VALUE_NULL: return F.nullNode();
      case VALUE_EMBEDDED_OBJECT: return F.pojoNode(p.getEmbeddedObject());
      default: throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected token " + t);
    }
  }

  private static String location(JsonParser p) { return location(p.currentLocation()); }

  private static String location(com.fasterxml.jackson.core.JsonLocation l) {
    return l == null ? "unknown position" : "line " + l.getLineNr() + ", column " + l.getColumnNr();
  }
}
