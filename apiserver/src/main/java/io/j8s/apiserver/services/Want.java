package io.j8s.apiserver.services;

/** What one allocatable field of a Service needs from its allocator. */
sealed interface Want {
  /** Nothing to allocate (the field does not apply, or stays unset). */
  record None() implements Want {}

  /** The value the old object already holds: no new claim, not released. */
  record Keep(String value) implements Want {}

  /** A value the client asked for: it must be in range and free. */
  record Explicit(String value) implements Want {}

  /** Any free value from the upper band. */
  record Dynamic() implements Want {}

  /** The same value as the NodePort of {@code spec.ports[index]} (same port, other protocol). */
  record SameAs(int index) implements Want {}

  Want NONE = new None();
  Want DYNAMIC = new Dynamic();
}
