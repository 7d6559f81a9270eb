/** A real etcd cluster (1 or 3 members, Debian's etcd-server) on loopback for tests and benchmarks. */
package io.j8s.testkit.etcd;
