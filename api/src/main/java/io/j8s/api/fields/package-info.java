/**
 * Field validation of incoming objects, pure and model-driven: which JSON fields the fabric8 model
 * does not know ({@link io.j8s.api.fields.UnknownFields#find}), the object without them (what is
 * stored unless validation is Strict), and a parser that keeps the last of duplicate keys while
 * reporting each duplicate ({@link io.j8s.api.fields.StrictJson}). The API server picks what to do
 * with the findings from the request's {@code fieldValidation} (Ignore, Warn, Strict).
 */
package io.j8s.api.fields;
