/** Upstream's defaults, filled into typed objects in place before validation. Pure code. */
package io.j8s.api.defaults;
