package io.j8s.kubelet.prober;

/** The three probes, each with the result it has before its first run (as upstream's prober). */
public enum ProbeKind {
  /** Unknown-free: a container is alive until its probe says otherwise. */
  LIVENESS("Liveness", ProbeResult.SUCCESS),
  /** A container is not ready until its probe succeeds. */
  READINESS("Readiness", ProbeResult.FAILURE),
  /** Gates the other two until it succeeds. */
  STARTUP("Startup", ProbeResult.UNKNOWN);

  private final String title;
  private final ProbeResult initial;

  ProbeKind(String title, ProbeResult initial) {
    this.title = title;
    this.initial = initial;
  }

  /** As in event messages: "Liveness probe failed: ...". */
  public String title() { return title; }

  public ProbeResult initial() { return initial; }
}
