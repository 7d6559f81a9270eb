package io.j8s.api.selector;

/** A selector that cannot be parsed or names an unsupported field; the message says which part. */
public final class SelectorException extends Exception {
  public SelectorException(String message) { super(message); }
}
