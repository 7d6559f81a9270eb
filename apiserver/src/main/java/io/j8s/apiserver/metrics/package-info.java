/**
 * The API server's own Prometheus metrics in the text exposition format: request counts and a
 * latency histogram by verb, resource and code, with no metrics library behind it.
 */
package io.j8s.apiserver.metrics;
