/**
 * What an object's status says, read the one way upstream reads it (pod and node readiness, pod
 * availability after minReadySeconds), for every component that needs to know.
 */
package io.j8s.api.status;
