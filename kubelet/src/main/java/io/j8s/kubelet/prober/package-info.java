/**
 * Container probes: liveness, readiness and startup, each a worker per container that runs its
 * check (exec through CRI, HTTP GET, TCP connect, gRPC health) on upstream's schedule and
 * thresholds, and a manager whose results the pod workers read (ready, started, liveness failed).
 * The state machine ({@link io.j8s.kubelet.prober.ProbeState}) and schedule
 * ({@link io.j8s.kubelet.prober.ProbeSchedule}) are pure.
 */
package io.j8s.kubelet.prober;
