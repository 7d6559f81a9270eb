package io.j8s.api.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A hand-written scanner for the label selector string syntax. */
final class LabelSelectorParser {
  private final String s;
  private int i;

  LabelSelectorParser(String s) { this.s = s == null ? "" : s; }

  LabelSelector parse() throws SelectorException {
    if (s.isBlank()) return LabelSelector.everything();
    List<LabelSelector.Requirement> reqs = new ArrayList<>();
    while (true) {
      skipSpace();
      reqs.add(requirement());
      skipSpace();
      if (i == s.length()) break;
      if (s.charAt(i) != ',') throw error("expected ',' or end of selector");
      i++;
    }
    return new LabelSelector.All(List.copyOf(reqs));
  }

  private LabelSelector.Requirement requirement() throws SelectorException {
    if (peek() == '!') {
      i++;
      skipSpace();
      String key = key();
      return new LabelSelector.Requirement(key, LabelSelector.Op.DOES_NOT_EXIST, Set.of());
    }
    String key = key();
    skipSpace();
    if (i == s.length() || s.charAt(i) == ',') return new LabelSelector.Requirement(key, LabelSelector.Op.EXISTS, Set.of());
    if (s.startsWith("==", i)) {
      i += 2;
      return single(key, LabelSelector.Op.EQUALS);
    }
    if (s.startsWith("!=", i)) {
      i += 2;
      return single(key, LabelSelector.Op.NOT_EQUALS);
    }
    if (s.charAt(i) == '=') {
      i++;
      return single(key, LabelSelector.Op.EQUALS);
    }
    if (s.startsWith("notin", i)) {
      i += 5;
      return set(key, LabelSelector.Op.NOT_IN);
    }
    if (s.startsWith("in", i)) {
      i += 2;
      return set(key, LabelSelector.Op.IN);
    }
    throw error("expected one of =, ==, !=, in, notin after key \"" + key + "\"");
  }

  private LabelSelector.Requirement single(String key, LabelSelector.Op op) throws SelectorException {
    skipSpace();
    String v = value();
    LabelSelector.checkValue(v);
    return new LabelSelector.Requirement(key, op, Set.of(v));
  }

  private LabelSelector.Requirement set(String key, LabelSelector.Op op) throws SelectorException {
    skipSpace();
    if (peek() != '(') throw error("expected '(' after in/notin");
    i++;
    TreeSet<String> vals = new TreeSet<>();
    while (true) {
      skipSpace();
      String v = value();
      LabelSelector.checkValue(v);
      vals.add(v);
      skipSpace();
      if (peek() == ',') {
        i++;
        continue;
      }
      if (peek() == ')') {
        i++;
        break;
      }
      throw error("expected ',' or ')' in value set");
    }
    return new LabelSelector.Requirement(key, op, vals);
  }

  private String key() throws SelectorException {
    int start = i;
    while (i < s.length() && isKeyChar(s.charAt(i))) i++;
    String k = s.substring(start, i);
    if (k.isEmpty()) throw error("expected a label key");
    LabelSelector.checkKey(k);
    return k;
  }

  private String value() {
    int start = i;
    while (i < s.length() && isKeyChar(s.charAt(i)) && s.charAt(i) != '/') i++;
    return s.substring(start, i);
  }

  private static boolean isKeyChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '/';
  }

  private char peek() { return i < s.length() ? s.charAt(i) : '\0'; }

  private void skipSpace() { while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++; }

  private SelectorException error(String what) {
    return new SelectorException("unable to parse requirement: " + what + " at position " + i + " of \"" + s + "\"");
  }
}
