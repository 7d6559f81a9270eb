/**
 * Cluster DNS: answers the Kubernetes DNS specification's names from informer caches of
 * Services, EndpointSlices and Pods, and forwards other names to the node's upstream resolvers.
 */
package io.j8s.dns;
