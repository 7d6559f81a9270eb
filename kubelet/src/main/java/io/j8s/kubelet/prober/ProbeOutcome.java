package io.j8s.kubelet.prober;

/** One run of a check: its result and, for failures and errors, what went wrong (for events). */
public record ProbeOutcome(ProbeResult result, String message) {
  public static ProbeOutcome success() { return new ProbeOutcome(ProbeResult.SUCCESS, ""); }

  public static ProbeOutcome failure(String message) { return new ProbeOutcome(ProbeResult.FAILURE, message); }

  public static ProbeOutcome unknown(String message) { return new ProbeOutcome(ProbeResult.UNKNOWN, message); }
}
