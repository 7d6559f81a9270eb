package io.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.apiserver.store.Json;
import java.security.SecureRandom;
import java.util.Iterator;
import java.util.Map;

/** Server-owned metadata: names, uid, timestamps, generation, and what an update may not change. */
final class ObjectMeta {
  private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private ObjectMeta() {}

  static String now() { return ServerStamps.now(); }

  /** Resolves generateName into a name (prefix + 5 random characters) when no name is given. */
  static void resolveName(ObjectNode obj) {
    ObjectNode m = Json.meta(obj);
    String name = m.path("name").asText("");
    String gen = m.path("generateName").asText("");
    if (name.isEmpty() && !gen.isEmpty()) {
      StringBuilder b = new StringBuilder(gen.length() > 58 ? gen.substring(0, 58) : gen);
      for (int i = 0; i < 5; i++) b.append(NAME_CHARS.charAt(RANDOM.nextInt(NAME_CHARS.length())));
      m.put("name", b.toString());
    }
  }

  /** Fills what the server owns on create and clears what a client may not set. */
  static void onCreate(ObjectNode obj, String namespace) {
    ObjectNode m = Json.meta(obj);
    if (namespace != null) m.put("namespace", namespace); else m.remove("namespace");
    m.put("uid", ServerStamps.uid());
    m.put("creationTimestamp", now());
    m.remove("resourceVersion");
    m.remove("deletionTimestamp");
    m.remove("deletionGracePeriodSeconds");
    m.remove("selfLink");
    m.remove("managedFields");
    m.put("generation", 1);
  }

  /** Keeps the fields an update cannot change and recomputes generation. */
  static void onUpdate(ObjectNode obj, ObjectNode old) {
    ObjectNode m = Json.meta(obj);
    ObjectNode om = Json.meta(old);
    for (String f : new String[] {"uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "namespace", "name"}) {
      if (om.has(f)) m.set(f, om.get(f)); else m.remove(f);
    }
    m.remove("selfLink");
    m.remove("managedFields");
    long gen = om.path("generation").asLong(1);
    m.put("generation", specChanged(obj, old) ? gen + 1 : gen);
  }

  /** Anything but metadata and status differs. */
  static boolean specChanged(ObjectNode a, ObjectNode b) {
    Iterator<Map.Entry<String, JsonNode>> it = a.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (skip(e.getKey())) continue;
      if (!e.getValue().equals(b.get(e.getKey()))) return true;
    }
    Iterator<String> names = b.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!skip(n) && !a.has(n)) return true;
    }
    return false;
  }

  private static boolean skip(String field) {
    return field.equals("metadata") || field.equals("status") || field.equals("apiVersion") || field.equals("kind");
  }

  static boolean deleting(ObjectNode obj) { return Json.meta(obj).hasNonNull("deletionTimestamp"); }

  static boolean hasFinalizers(ObjectNode obj) {
    JsonNode f = Json.meta(obj).get("finalizers");
    return f != null && f.isArray() && !f.isEmpty();
  }

  static void addFinalizer(ObjectNode obj, String finalizer) { addToSet(Json.meta(obj), "finalizers", finalizer); }

  /** Adds {@code value} to the string array {@code parent.field} (made if missing) unless it is there. */
  static void addToSet(ObjectNode parent, String field, String value) {
    ArrayNode f = parent.has(field) && parent.get(field).isArray() ? (ArrayNode) parent.get(field) : parent.putArray(field);
    for (JsonNode n : f) if (n.asText().equals(value)) return;
    f.add(value);
  }

  static String rv(ObjectNode obj) { return Json.meta(obj).path("resourceVersion").asText(""); }

  static long rvLong(ObjectNode obj) {
    try {
      return Long.parseLong(rv(obj));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
