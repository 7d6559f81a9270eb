package io.j8s.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.j8s.kubelet.pod.LifecycleHooks;
import io.j8s.kubelet.prober.Check;
import io.j8s.kubelet.prober.ProbeKind;
import io.j8s.kubelet.prober.ProbeOutcome;
import io.j8s.kubelet.prober.ProbeResult;
import io.j8s.kubelet.prober.ProbeSpec;
import io.j8s.kubelet.prober.ProbeTarget;
import java.time.Duration;
import java.util.Optional;

/**
 * Lifecycle handlers run with the prober's checks: exec through CRI ExecSync, httpGet and
 * tcpSocket on the pod's IP, all within the timeout (the pod's grace period); sleep sleeps. A
 * handler with no action fails as upstream's "invalid handler".
 */
final class HookRunner implements LifecycleHooks {
  private final Check check;

  HookRunner(Check check) { this.check = check; }

  @Override
  public Optional<String> run(Pod pod, Container container, String containerId, String podIp, LifecycleHandler h, Duration timeout) {
    if (h.getSleep() != null && h.getSleep().getSeconds() != null) {
      try {
        Thread.sleep(Duration.ofSeconds(Math.min(h.getSleep().getSeconds(), Math.max(0, timeout.toSeconds()))));
        return Optional.empty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of("interrupted");
      }
    }
    if (h.getExec() == null && h.getHttpGet() == null && h.getTcpSocket() == null) return Optional.of("invalid handler: " + h);
    var probe = new ProbeBuilder().withExec(h.getExec()).withHttpGet(h.getHttpGet()).withTcpSocket(h.getTcpSocket())
        .withTimeoutSeconds((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()))).build();
    ProbeOutcome o = check.run(ProbeSpec.of(ProbeKind.LIVENESS, probe, container), new ProbeTarget(containerId, podIp));
    return o.result() == ProbeResult.SUCCESS ? Optional.empty() : Optional.of(o.message());
  }
}
