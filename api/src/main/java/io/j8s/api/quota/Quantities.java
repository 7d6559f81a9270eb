package io.j8s.api.quota;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/**
 * Quantities as numbers, and back in upstream's canonical form: a binary suffix (Ki..Ei) for
 * values written with one that are whole multiples of 1024, otherwise the decimal suffix
 * (m, k, M, ...) with the largest exponent that keeps the mantissa whole ("1500", "2k", "500m").
 */
public final class Quantities {
  private static final String[] DECIMAL = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
  private static final String[] BINARY = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

  private Quantities() {}

  /** The value of q; zero for null. */
  public static BigDecimal value(Quantity q) {
    return q == null ? BigDecimal.ZERO : q.getNumericalAmount();
  }

  public static Quantity of(long v) { return new Quantity(Long.toString(v)); }

  /** Whether q was written with a binary suffix. */
  static boolean binary(Quantity q) {
    return q != null && q.getFormat() != null && q.getFormat().endsWith("i");
  }

  /** v in canonical form, binary when {@code binary} and v is a whole multiple of 1024. */
  public static Quantity format(BigDecimal v, boolean binary) {
    return new Quantity(string(v, binary));
  }

  public static String string(BigDecimal v, boolean binary) {
    if (v.signum() == 0) return "0";
    if (binary && v.signum() > 0 && v.stripTrailingZeros().scale() <= 0) {
      BigInteger n = v.toBigIntegerExact();
      int i = -1;
      BigInteger k = BigInteger.valueOf(1024);
      while (i < BINARY.length - 1 && n.mod(k).signum() == 0) {
        n = n.divide(k);
        i++;
      }
      if (i >= 0) return n + BINARY[i];
    }
    // decimal: round up to nano precision as upstream, then the largest exponent with a whole mantissa
    BigDecimal nanos = v.movePointRight(9).setScale(0, java.math.RoundingMode.CEILING);
    int idx = 0;
    BigDecimal thousand = BigDecimal.valueOf(1000);
    while (idx < DECIMAL.length - 1 && nanos.remainder(thousand).signum() == 0) {
      nanos = nanos.divide(thousand);
      idx++;
    }
    return nanos.toBigInteger() + DECIMAL[idx];
  }

  /** a + b, in a's format (b's when a is absent). */
  public static Quantity add(Quantity a, Quantity b) {
    if (a == null) return b == null ? null : format(value(b), binary(b));
    if (b == null) return format(value(a), binary(a));
    return format(value(a).add(value(b)), binary(a) || (value(a).signum() == 0 && binary(b)));
  }

  /** a - b, never below zero. */
  public static Quantity subtractNonNegative(Quantity a, Quantity b) {
    BigDecimal d = value(a).subtract(value(b));
    return format(d.signum() < 0 ? BigDecimal.ZERO : d, binary(a));
  }

  /** Sums two resource lists key by key. */
  public static Map<String, Quantity> add(Map<String, Quantity> a, Map<String, Quantity> b) {
    Map<String, Quantity> out = new TreeMap<>(a);
    b.forEach((k, v) -> out.merge(k, v, Quantities::add));
    return out;
  }

  /** Numerically equal key by key (absent counts as absent, not as zero). */
  public static boolean equal(Map<String, Quantity> a, Map<String, Quantity> b) {
    Map<String, Quantity> x = a == null ? Map.of() : a;
    Map<String, Quantity> y = b == null ? Map.of() : b;
    if (!x.keySet().equals(y.keySet())) return false;
    for (var e : x.entrySet()) if (value(e.getValue()).compareTo(value(y.get(e.getKey()))) != 0) return false;
    return true;
  }

  /** "k1=v1,k2=v2" sorted by key, as upstream's quota messages print resource lists. */
  public static String pretty(Map<String, Quantity> list) {
    StringBuilder b = new StringBuilder();
    for (var e : new TreeMap<>(list).entrySet()) {
      if (!b.isEmpty()) b.append(',');
      b.append(e.getKey()).append('=').append(string(value(e.getValue()), binary(e.getValue())));
    }
    return b.toString();
  }
}
