/**
 * The resource registry: which kinds exist, under which group, version and plural name, whether
 * they are namespaced, their short names, categories, verbs and subresources, and the fabric8
 * model class that types them. Discovery, routing, the storage key layout, OpenAPI and kubectl
 * name resolution all read from here; nothing else lists kinds.
 */
package io.j8s.api.registry;
