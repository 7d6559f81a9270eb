/**
 * A real image registry for tests: Debian's {@code docker-registry} (CNCF distribution) on
 * loopback inside the test's network namespace, optionally behind htpasswd basic auth, with
 * images pushed by {@code skopeo}.
 */
package io.j8s.testkit.registry;
