package io.j8s.kubelet.cri;

import java.time.Duration;

/**
 * Deadlines for CRI calls. {@code call} bounds quick calls (status, list, stop, remove); {@code
 * create} bounds RunPodSandbox and CreateContainer/StartContainer (network set-up, snapshot
 * unpack); {@code pull} bounds PullImage. Calls that carry their own timeout (StopContainer's grace
 * period, ExecSync's timeout) get it added to {@code call}.
 */
public record CriTimeouts(Duration call, Duration create, Duration pull) {
  /** Upstream kubelet's default runtime-request timeout is 2 minutes; quick calls get less. */
  public static final CriTimeouts DEFAULT = new CriTimeouts(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10));
}
