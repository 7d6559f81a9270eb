/**
 * Upstream-like validation of typed objects: each rule yields {@link io.j8s.api.validation.FieldError}s
 * naming the field path, so the API can answer 422 with one cause per bad field. Split by kind;
 * {@link io.j8s.api.validation.Validator} dispatches. Pure code.
 */
package io.j8s.api.validation;
