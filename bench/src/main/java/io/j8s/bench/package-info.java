/**
 * End-to-end benchmarks that print a table. {@link io.j8s.bench.ApiBench} measures the API
 * server on each datastore driver side by side with the driver alone (the physical limit the
 * API path can approach).
 */
package io.j8s.bench;
