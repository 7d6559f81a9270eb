/**
 * What the fabric8 model says about a kind's shape: for each model class, its JSON properties
 * and their types, and for lists, how a patch merges them (merge key or replace). OpenAPI,
 * unknown-field detection and strategic merge patch all read shapes from here.
 */
package io.j8s.api.schema;
