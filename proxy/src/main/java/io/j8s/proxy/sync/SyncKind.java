package io.j8s.proxy.sync;

/** A full sync rewrites every service's rules; a partial one only the changed services' (and the top-level chains). */
public enum SyncKind {
  FULL, PARTIAL;

  public String label() {
    return this == FULL ? "full" : "partial";
  }
}
