package io.j8s.api.patch;

/** A patch that cannot be applied; the message says what and where. */
public final class PatchException extends Exception {
  public PatchException(String message) { super(message); }
  public PatchException(String message, Throwable cause) { super(message, cause); }
}
