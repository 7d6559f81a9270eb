/**
 * The machinery every control loop shares: one shared informer per kind ({@link
 * io.j8s.controllers.runtime.Informers}), a {@link io.j8s.controllers.runtime.Controller} that
 * turns informer events into keys on a rate-limited work queue and runs a {@link
 * io.j8s.controllers.runtime.Reconciler} per key on virtual threads, an event recorder for
 * {@code kubectl describe}, and leader election on a Lease so only one server's controllers act.
 * Everything goes through the fabric8 client, so the loops run against any API server.
 */
package io.j8s.controllers.runtime;
