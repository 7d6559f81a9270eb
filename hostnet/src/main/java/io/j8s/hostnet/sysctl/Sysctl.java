package io.j8s.hostnet.sysctl;

import io.j8s.hostnet.HostnetException;

/** Reads and writes kernel parameters by their dotted names ({@code net.ipv4.ip_forward}). */
public interface Sysctl {
  String get(String key) throws HostnetException;

  void set(String key, String value) throws HostnetException;

  /** Sets the parameter unless it already has the value; true when it was changed. */
  default boolean ensure(String key, String value) throws HostnetException {
    if (value.equals(get(key))) return false;
    set(key, value);
    return true;
  }
}
