package io.j8s.base.process;

import java.util.List;

/** What a finished command returned. */
public record ProcessResult(List<String> command, int exitCode, String stdout, String stderr) {

  public boolean ok() { return exitCode == 0; }

  /** This result if the command succeeded, else an exception quoting the command and its stderr. */
  public ProcessResult orThrow() {
    if (exitCode != 0) {
      String tail = stderr.length() > 2000 ? stderr.substring(stderr.length() - 2000) : stderr;
      throw new ProcessFailedException("`" + String.join(" ", command) + "` exited with " + exitCode + ": " + tail.strip());
    }
    return this;
  }
}
