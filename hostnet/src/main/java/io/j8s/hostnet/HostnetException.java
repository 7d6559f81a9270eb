package io.j8s.hostnet;

import java.io.IOException;

/** A host network change or query that failed; the message names the command and what the kernel or tool said. */
public class HostnetException extends IOException {
  public HostnetException(String message) { super(message); }

  public HostnetException(String message, Throwable cause) { super(message, cause); }
}
