package io.j8s.kubelet.env;

import java.util.function.Function;

/**
 * Kubernetes' {@code $(VAR)} syntax (as in container env values, command, args and subPathExpr): {@code $(NAME)}
 * becomes the mapping's value, {@code $$} an escaped {@code $}; an unknown name, an unterminated {@code $(} and a
 * {@code $} before anything else stay as written.
 */
public final class Expansion {
  private Expansion() {}

  /** A mapping that looks the name up in each map in turn and leaves {@code $(name)} when none has it. */
  @SafeVarargs
  public static Function<String, String> lookupIn(java.util.Map<String, String>... contexts) {
    return name -> {
      for (var m : contexts) {
        String v = m.get(name);
        if (v != null) return v;
      }
      return "$(" + name + ")";
    };
  }

  public static String expand(String input, Function<String, String> mapping) {
    StringBuilder out = new StringBuilder(input.length());
    int checkpoint = 0;
    for (int cursor = 0; cursor < input.length(); cursor++) {
      if (input.charAt(cursor) != '$' || cursor + 1 >= input.length()) continue;
      out.append(input, checkpoint, cursor);
      char next = input.charAt(cursor + 1);
      int advance = 1;
      if (next == '$') {
        out.append('$');
      } else if (next == '(') {
        int close = input.indexOf(')', cursor + 2);
        if (close < 0) {
          out.append("$(");
        } else {
          out.append(mapping.apply(input.substring(cursor + 2, close)));
          advance = close - cursor;
        }
      } else {
        out.append('$').append(next);
      }
      cursor += advance;
      checkpoint = cursor + 1;
    }
    return out.append(input, checkpoint, input.length()).toString();
  }
}
