package io.j8s.api.selector;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A conjunction of {@code field=value} / {@code field!=value} terms over an object's JSON. */
public final class FieldSelector {
  private static final Set<String> EVENT_FIELDS = Set.of("involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
      "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
      "reportingComponent", "source", "type");
  private static final Map<String, Set<String>> SUPPORTED = Map.of(
      "Pod", Set.of("spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.phase",
          "status.podIP", "status.nominatedNodeName"),
      "Event", EVENT_FIELDS,
      "Secret", Set.of("type"),
      "Node", Set.of("spec.unschedulable"),
      "Namespace", Set.of("status.phase"),
      "ReplicaSet", Set.of("status.replicas"),
      "Deployment", Set.of("status.replicas"),
      "Service", Set.of("spec.clusterIP", "spec.type"));

  /** One term. */
  public record Term(String field, boolean equal, String value) {}

  private final List<Term> terms;

  private FieldSelector(List<Term> terms) { this.terms = List.copyOf(terms); }

  public List<Term> terms() { return terms; }

  public static FieldSelector parse(String s) throws SelectorException {
    List<Term> terms = new ArrayList<>();
    if (s == null || s.isBlank()) return new FieldSelector(terms);
    for (String part : s.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) continue;
      int ne = p.indexOf("!=");
      int eqeq = p.indexOf("==");
      int eq = p.indexOf('=');
      Term t;
      if (ne > 0) {
        t = new Term(p.substring(0, ne).trim(), false, p.substring(ne + 2).trim());
      } else if (eqeq > 0) {
        t = new Term(p.substring(0, eqeq).trim(), true, p.substring(eqeq + 2).trim());
      } else if (eq > 0) {
        t = new Term(p.substring(0, eq).trim(), true, p.substring(eq + 1).trim());
      } else {
        throw new SelectorException("invalid selector: '" + p + "'; can't understand '" + p + "'");
      }
      terms.add(t);
    }
    return new FieldSelector(terms);
  }

  /** Refuses fields the kind cannot be selected by, with upstream's message. */
  public void checkSupported(String kind) throws SelectorException {
    Set<String> extra = SUPPORTED.getOrDefault(kind, Set.of());
    for (Term t : terms) {
      if (t.field().equals("metadata.name") || t.field().equals("metadata.namespace") || extra.contains(t.field())) continue;
      throw new SelectorException("field label not supported: " + t.field());
    }
  }

  public boolean matches(JsonNode object) {
    for (Term t : terms) {
      String actual = value(object, t.field());
      if (t.equal() != actual.equals(t.value())) return false;
    }
    return true;
  }

  /** The value an {@code =} term requires for this field, if any. */
  public Optional<String> requiredValue(String field) {
    return terms.stream().filter(t -> t.equal() && t.field().equals(field)).map(Term::value).findFirst();
  }

  static String value(JsonNode obj, String field) {
    if (field.equals("source")) return obj.path("source").path("component").asText("");
    JsonNode cur = obj;
    for (String p : field.split("\\.")) cur = cur.path(p);
    if (cur.isMissingNode() || cur.isNull()) return field.equals("spec.unschedulable") ? "false" : "";
    return cur.asText();
  }
}
