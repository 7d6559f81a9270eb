/**
 * The proxy's metrics and health state, shared by every mode: sync durations by kind, last
 * successful sync, rule and endpoint counts, errors, and the staleness rule of {@code /healthz}.
 */
package io.j8s.proxy.metrics;
