package io.j8s.api.selector;

import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** A conjunction of label requirements. */
public sealed interface LabelSelector {

  boolean matches(Map<String, String> labels);

  /** Matches every object. */
  record Everything() implements LabelSelector {
    @Override public boolean matches(Map<String, String> labels) { return true; }
    @Override public String toString() { return ""; }
  }

  /** Matches no object (an API selector that is null means nothing, as upstream). */
  record Nothing() implements LabelSelector {
    @Override public boolean matches(Map<String, String> labels) { return false; }
    @Override public String toString() { return "<none>"; }
  }

  /** All requirements hold. */
  record All(List<Requirement> requirements) implements LabelSelector {
    @Override public boolean matches(Map<String, String> labels) {
      for (Requirement r : requirements) if (!r.matches(labels)) return false;
      return true;
    }
    @Override public String toString() {
      List<String> parts = new ArrayList<>();
      for (Requirement r : requirements) parts.add(r.toString());
      return String.join(",", parts);
    }
  }

  enum Op { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST }

  /** One term: key, operator and values (sorted). */
  record Requirement(String key, Op op, Set<String> values) {
    boolean matches(Map<String, String> labels) {
      String v = labels.get(key);
      return switch (op) {
        case EQUALS, IN -> v != null && values.contains(v);
        case NOT_EQUALS, NOT_IN -> v == null || !values.contains(v);
        case EXISTS -> v != null;
        case DOES_NOT_EXIST -> v == null;
      };
    }

    @Override public String toString() {
      return switch (op) {
        case EQUALS -> key + "=" + values.iterator().next();
        case NOT_EQUALS -> key + "!=" + values.iterator().next();
        case IN -> key + " in (" + String.join(",", values) + ")";
        case NOT_IN -> key + " notin (" + String.join(",", values) + ")";
        case EXISTS -> key;
        case DOES_NOT_EXIST -> "!" + key;
      };
    }
  }

  static LabelSelector everything() { return new Everything(); }

  /** Parses the string syntax: {@code a=b, a==b, a!=b, a in (x,y), a notin (x), a, !a}, comma-separated. */
  static LabelSelector parse(String s) throws SelectorException {
    return new LabelSelectorParser(s).parse();
  }

  /** The API object: matchLabels AND matchExpressions; null selects nothing, empty selects everything. */
  static LabelSelector from(io.fabric8.kubernetes.api.model.LabelSelector sel) throws SelectorException {
    if (sel == null) return new Nothing();
    List<Requirement> reqs = new ArrayList<>();
    if (sel.getMatchLabels() != null) {
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(sel.getMatchLabels()).entrySet()) {
        checkKey(e.getKey());
        checkValue(e.getValue());
        reqs.add(new Requirement(e.getKey(), Op.EQUALS, Set.of(e.getValue())));
      }
    }
    if (sel.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : sel.getMatchExpressions()) {
        checkKey(r.getKey());
        List<String> vals = r.getValues() == null ? List.of() : r.getValues();
        for (String v : vals) checkValue(v);
        Op op = switch (String.valueOf(r.getOperator())) {
          case "In" -> Op.IN;
          case "NotIn" -> Op.NOT_IN;
          case "Exists" -> Op.EXISTS;
          case "DoesNotExist" -> Op.DOES_NOT_EXIST;
          default -> throw new SelectorException("\"" + r.getOperator() + "\" is not a valid label selector operator");
        };
        if ((op == Op.IN || op == Op.NOT_IN) && vals.isEmpty()) {
          throw new SelectorException("for 'in', 'notin' operators, values set can't be empty");
        }
        if ((op == Op.EXISTS || op == Op.DOES_NOT_EXIST) && !vals.isEmpty()) {
          throw new SelectorException("values set must be empty for exists and does not exist");
        }
        reqs.add(new Requirement(r.getKey(), op, new TreeSet<>(vals)));
      }
    }
    return reqs.isEmpty() ? new Everything() : new All(List.copyOf(reqs));
  }

  Pattern NAME = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");
  Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  static void checkKey(String key) throws SelectorException {
    String name = key;
    int slash = key.indexOf('/');
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
        throw new SelectorException("invalid label key \"" + key + "\": prefix part must be a DNS-1123 subdomain");
      }
    }
    if (name.isEmpty() || name.length() > 63 || !NAME.matcher(name).matches()) {
      throw new SelectorException("invalid label key \"" + key + "\": name part must consist of alphanumeric characters, '-', '_' or '.', "
          + "and must start and end with an alphanumeric character (at most 63 characters)");
    }
  }

  static void checkValue(String v) throws SelectorException {
    if (v.length() > 63 || !NAME.matcher(v).matches()) {
      throw new SelectorException("invalid label value: \"" + v + "\": a valid label must be an empty string or consist of alphanumeric "
          + "characters, '-', '_' or '.', and must start and end with an alphanumeric character");
    }
  }
}
