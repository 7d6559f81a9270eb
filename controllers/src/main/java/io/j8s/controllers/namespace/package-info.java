/**
 * Namespace deletion: while a namespace has a deletionTimestamp, delete everything in it; once
 * nothing is left, clear its {@code kubernetes} finalizer through the finalize subresource, so
 * the API server removes it. {@link io.j8s.controllers.namespace.NamespacePlanner} decides.
 */
package io.j8s.controllers.namespace;
