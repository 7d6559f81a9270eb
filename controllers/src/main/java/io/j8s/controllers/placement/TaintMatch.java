package io.j8s.controllers.placement;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Upstream's toleration semantics: which tolerations match a taint, and for how long a pod may stay. */
public final class TaintMatch {
  public static final String NO_EXECUTE = "NoExecute";
  public static final String NO_SCHEDULE = "NoSchedule";
  public static final String PREFER_NO_SCHEDULE = "PreferNoSchedule";
  public static final String NOT_READY = "node.kubernetes.io/not-ready";
  public static final String UNREACHABLE = "node.kubernetes.io/unreachable";

  private TaintMatch() {}

  /**
   * True if {@code t} tolerates {@code taint}: an empty effect matches every effect; operator
   * Exists matches any value (and, with an empty key, every key); Equal (the default) needs key
   * and value equal.
   */
  public static boolean tolerates(Toleration t, Taint taint) {
    if (t.getEffect() != null && !t.getEffect().isEmpty() && !t.getEffect().equals(taint.getEffect())) return false;
    String op = t.getOperator() == null || t.getOperator().isEmpty() ? "Equal" : t.getOperator();
    boolean emptyKey = t.getKey() == null || t.getKey().isEmpty();
    if (emptyKey) return op.equals("Exists");
    if (!t.getKey().equals(taint.getKey())) return false;
    return switch (op) {
      case "Exists" -> true;
      case "Equal" -> Objects.equals(blankToNull(t.getValue()), blankToNull(taint.getValue()));
      default -> false;
    };
  }

  public static boolean toleratedBy(List<Toleration> tolerations, Taint taint) {
    return tolerations.stream().anyMatch(t -> tolerates(t, taint));
  }

  /** The taints with one of these effects that no toleration matches. */
  public static List<Taint> untolerated(List<Taint> taints, List<Toleration> tolerations, List<String> effects) {
    return taints.stream().filter(x -> effects.contains(x.getEffect()) && !toleratedBy(tolerations, x)).toList();
  }

  /**
   * How long a pod with these tolerations may stay on a node with {@code taint}: empty when it
   * may stay forever (a matching toleration without tolerationSeconds), else the longest
   * tolerationSeconds of the matching tolerations (negative counts as 0). Assumes the taint is tolerated.
   */
  public static Optional<Long> tolerationSeconds(List<Toleration> tolerations, Taint taint) {
    long longest = -1;
    for (Toleration t : tolerations) {
      if (!tolerates(t, taint)) continue;
      if (t.getTolerationSeconds() == null) return Optional.empty();
      longest = Math.max(longest, Math.max(0, t.getTolerationSeconds()));
    }
    return Optional.of(Math.max(0, longest));
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
