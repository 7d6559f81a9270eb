package io.j8s.kubelet.pod;

import java.util.Map;

/**
 * Upstream's {@code $(VAR)} expansion (third_party/forked/golang/expansion): {@code $(NAME)} becomes
 * the variable's value when it is defined and stays as written when not; {@code $$} is an escaped
 * {@code $}; a {@code $} before anything else, or an unclosed {@code $(}, is kept literally.
 */
public final class VarExpansion {
  private VarExpansion() {}

  public static String expand(String input, Map<String, String> vars) {
    StringBuilder out = new StringBuilder(input.length());
    int i = 0;
    while (i < input.length()) {
      char c = input.charAt(i);
      if (c != '$' || i + 1 >= input.length()) {
        out.append(c);
        i++;
        continue;
      }
      char n = input.charAt(i + 1);
      if (n == '$') {
        out.append('$');
        i += 2;
      } else if (n == '(') {
        int close = input.indexOf(')', i + 2);
        if (close < 0) {
          out.append(input, i, input.length());
          break;
        }
        String name = input.substring(i + 2, close);
        String v = name.isEmpty() ? null : vars.get(name);
        out.append(v != null ? v : input.substring(i, close + 1));
        i = close + 1;
      } else {
        out.append(c).append(n);
        i += 2;
      }
    }
    return out.toString();
  }
}
