package io.j8s.hostnet;

import io.j8s.base.process.ProcessFailedException;
import io.j8s.base.process.ProcessResult;
import io.j8s.base.process.ProcessRunner;
import java.util.ArrayList;
import java.util.List;

/**
 * One host command-line tool as the hostnet commands run it: behind an optional prefix ({@code ip
 * netns exec NAME}), a tool that cannot be started named with the Debian package that has it, a
 * non-zero exit reported with the whole command line and the tool's own stderr.
 *
 * @param debianPackage the package that installs the tool (for the error's fix)
 */
public record HostTool(ProcessRunner runner, List<String> prefix, String debianPackage) {
  public HostTool {
    prefix = List.copyOf(prefix);
  }

  /** Runs {@code command} (after the prefix) with {@code stdin} (null: none); its result when it exited 0. */
  public ProcessResult run(List<String> command, String stdin) throws HostnetException {
    ProcessResult r = attempt(command, stdin);
    if (!r.ok()) throw failure(r);
    return r;
  }

  /** Runs {@code command} (after the prefix) with {@code stdin} (null: none); its result whatever it exited with. */
  public ProcessResult attempt(List<String> command, String stdin) throws HostnetException {
    List<String> full = new ArrayList<>(prefix);
    full.addAll(command);
    try {
      return runner.run(full, stdin);
    } catch (ProcessFailedException e) {
      throw new HostnetException(e.getMessage() + " (is the " + debianPackage + " package installed?)", e);
    }
  }

  /** The same tool run by {@code other} (e.g. one with a longer timeout). */
  public HostTool with(ProcessRunner other) {
    return new HostTool(other, prefix, debianPackage);
  }

  /** The error for a run that exited non-zero: its whole command line, exit code and stderr. */
  public static HostnetException failure(ProcessResult r) {
    return new HostnetException("`" + String.join(" ", r.command()) + "` exited with " + r.exitCode() + ": " + r.stderr().strip());
  }
}
