package io.j8s.base.process;

/** A command that exited non-zero, timed out or could not be started. */
public final class ProcessFailedException extends RuntimeException {
  public ProcessFailedException(String message) { super(message); }
  public ProcessFailedException(String message, Throwable cause) { super(message, cause); }
}
