/**
 * Kubernetes {@code Status} failures: one exception type that carries the reason, HTTP code,
 * details and causes that the API answers with, and factories named after upstream's reasons.
 */
package io.j8s.apiserver.errors;
