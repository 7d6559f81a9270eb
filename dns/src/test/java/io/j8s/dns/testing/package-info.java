/** Test-only peers of the DNS: a fake upstream resolver for a made-up zone. */
package io.j8s.dns.testing;
