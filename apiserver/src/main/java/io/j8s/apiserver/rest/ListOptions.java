package io.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceType;
import io.j8s.api.selector.FieldSelector;
import io.j8s.api.selector.LabelSelector;
import io.j8s.api.selector.SelectorException;
import io.j8s.apiserver.errors.ApiException;
import io.j8s.apiserver.http.Exchange;
import io.j8s.apiserver.store.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The query parameters of list, watch and deletecollection, parsed and checked. */
record ListOptions(LabelSelector labels, FieldSelector fields, int limit, String continueKey, long continueRevision,
    String resourceVersion, String resourceVersionMatch, boolean watch, boolean bookmarks, long timeoutSeconds) {

  static ListOptions of(Exchange ex, ResourceType t) {
    try {
      String ls = ex.param("labelSelector");
      String fs = ex.param("fieldSelector");
      LabelSelector labels = ls == null || ls.isBlank() ? LabelSelector.everything() : LabelSelector.parse(ls);
      FieldSelector fields = FieldSelector.parse(fs == null ? "" : fs);
      fields.checkSupported(t.kind());
      int limit = (int) number(ex, "limit", 0);
      String cont = ex.param("continue");
      String key = null;
      long rev = 0;
      if (cont != null && !cont.isEmpty()) {
        try {
          JsonNode tok = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(cont));
          key = tok.path("start").asText();
          rev = tok.path("rv").asLong();
          if (key.isEmpty() || rev <= 0) throw new IllegalArgumentException();
        } catch (Exception e) {
          throw ApiException.badRequest("continue key is not valid: it must be a token from a previous list response");
        }
      }
      boolean watch = ListOptions.bool(ex.param("watch"));
      if (ListOptions.bool(ex.param("sendInitialEvents"))) {
        throw ApiException.badRequest("sendInitialEvents is not supported by this server: list, then watch from the list's resourceVersion");
      }
      long timeout = number(ex, "timeoutSeconds", 0);
      return new ListOptions(labels, fields, limit, key, rev, ex.param("resourceVersion"), ex.param("resourceVersionMatch"),
          watch, ListOptions.bool(ex.param("allowWatchBookmarks")), timeout);
    } catch (SelectorException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private static long number(Exchange ex, String name, long dflt) {
    String v = ex.param(name);
    if (v == null || v.isEmpty()) return dflt;
    try {
      long n = Long.parseLong(v);
      if (n < 0) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + " must be a non-negative integer, not \"" + v + "\"");
    }
  }

  /** Go's strconv.ParseBool truths: 1, t, T, TRUE, true, True. */
  static boolean bool(String v) {
    return v != null && List.of("1", "t", "T", "TRUE", "true", "True").contains(v);
  }

  /** True when neither selector excludes anything (so no object needs to be looked at). */
  boolean selectsEverything() {
    return fields.terms().isEmpty() && labels instanceof LabelSelector.Everything;
  }

  /** The object filter of both selectors. */
  Predicate<ObjectNode> filter() {
    return o -> fields.matches(o) && labels.matches(labelsOf(o));
  }

  static Map<String, String> labelsOf(JsonNode o) {
    Map<String, String> m = new HashMap<>();
    o.path("metadata").path("labels").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }

  /** A numeric resourceVersion parameter, 0 when unset or "0". */
  long requestedRevision() {
    if (resourceVersion == null || resourceVersion.isEmpty()) return 0;
    try {
      long r = Long.parseLong(resourceVersion);
      if (r < 0) throw new NumberFormatException();
      return r;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("resourceVersion must be a non-negative integer, not \"" + resourceVersion + "\"");
    }
  }

  static String continueToken(String startKey, long revision) {
    ObjectNode t = JsonNodeFactory.instance.objectNode().put("rv", revision).put("start", startKey);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(t));
  }

  static String expiredContinueMessage() {
    return "The provided continue parameter is too old to display a consistent list result. You can start a new list "
        + "without the continue parameter, or use the continue token in this response to retrieve the remainder of the "
        + "results. Continuing with the provided token results in an inconsistent list - objects that were created, "
        + "modified, or deleted between the time the first chunk was returned and now may show up in the list.";
  }

  static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }
}
