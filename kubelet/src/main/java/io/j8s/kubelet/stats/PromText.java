package io.j8s.kubelet.stats;

import java.util.Locale;
import java.util.Map;

/** Writes the Prometheus text exposition format (0.0.4): families with HELP and TYPE, samples with escaped labels. */
public final class PromText {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private final StringBuilder out = new StringBuilder();

  public PromText family(String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    return this;
  }

  /** One sample; labels in the map's order; timestampMillis null for none. */
  public PromText sample(String name, Map<String, String> labels, double value, Long timestampMillis) {
    out.append(name);
    if (!labels.isEmpty()) {
      out.append('{');
      boolean first = true;
      for (var e : labels.entrySet()) {
        if (!first) out.append(',');
        first = false;
        out.append(e.getKey()).append("=\"").append(escape(e.getValue())).append('"');
      }
      out.append('}');
    }
    out.append(' ').append(number(value));
    if (timestampMillis != null) out.append(' ').append(timestampMillis);
    out.append('\n');
    return this;
  }

  public PromText sample(String name, Map<String, String> labels, double value) { return sample(name, labels, value, null); }

  /** The _bucket, _sum and _count samples of a histogram (its family written before). */
  public PromText histogram(String name, Map<String, String> labels, Histogram.View v) {
    for (int i = 0; i <= v.bounds().length; i++) {
      var l = new java.util.LinkedHashMap<>(labels);
      l.put("le", i == v.bounds().length ? "+Inf" : number(v.bounds()[i]));
      sample(name + "_bucket", l, v.cumulative()[i]);
    }
    sample(name + "_sum", labels, v.sum());
    sample(name + "_count", labels, v.count());
    return this;
  }

  static String escape(String s) { return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"); }

  static String number(double v) {
    if (Double.isInfinite(v)) return v > 0 ? "+Inf" : "-Inf";
    if (Double.isNaN(v)) return "NaN";
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
    String s = String.format(Locale.ROOT, "%.9f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  @Override public String toString() { return out.toString(); }
}
