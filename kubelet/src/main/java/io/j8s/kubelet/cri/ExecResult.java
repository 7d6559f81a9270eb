package io.j8s.kubelet.cri;

/** What a command run with ExecSync printed and how it exited. */
public record ExecResult(int exitCode, String stdout, String stderr) {
  public boolean ok() { return exitCode == 0; }
}
