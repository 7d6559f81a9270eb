package io.j8s.kubelet.prober;

/** Runs one check of a probe against a target, within the probe's timeout. Never throws. */
@FunctionalInterface
public interface Check {
  ProbeOutcome run(ProbeSpec spec, ProbeTarget target);
}
