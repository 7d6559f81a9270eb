/**
 * Legacy (unaggregated) discovery documents built from the resource registry: /api, /apis,
 * and one APIResourceList per group-version, with subresources listed as upstream lists them.
 */
package io.j8s.apiserver.discovery;
