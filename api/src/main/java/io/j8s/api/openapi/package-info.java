/**
 * OpenAPI v3 documents generated from the fabric8 model, one per served group-version, plus the
 * {@code /openapi/v3} index that points at them with a content hash. Schemas are read off the model
 * classes ({@link io.j8s.api.schema.ModelShapes}) and named as upstream names them
 * ({@code io.k8s.api.core.v1.Pod}); list fields carry the strategic-merge extensions from
 * {@link io.j8s.api.schema.PatchStrategies}. Paths declare the usual verbs per resource, and every
 * PATCH declares {@code fieldValidation} so kubectl's {@code --validate=strict} defers to the server.
 * Pure computation; the API server only serves the bytes.
 */
package io.j8s.api.openapi;
