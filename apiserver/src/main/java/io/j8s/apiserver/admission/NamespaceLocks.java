package io.j8s.apiserver.admission;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A fixed stripe of read-write locks, one per namespace hash: creates share a namespace's read
 * lock, quota decisions and quota writes take its write lock. Two namespaces may share a stripe
 * (then they serialize against each other's quota decisions, which is only slower).
 */
final class NamespaceLocks {
  private final ReentrantReadWriteLock[] stripes;

  NamespaceLocks(int n) {
    stripes = new ReentrantReadWriteLock[n];
    for (int i = 0; i < n; i++) stripes[i] = new ReentrantReadWriteLock();
  }

  ReentrantReadWriteLock of(String namespace) {
    return stripes[Math.floorMod(namespace.hashCode(), stripes.length)];
  }
}
