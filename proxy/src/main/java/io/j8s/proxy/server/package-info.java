/** The proxy's {@code /healthz} and {@code /metrics} HTTP endpoints (JDK HTTP server, virtual threads). */
package io.j8s.proxy.server;
