/**
 * Service endpoints: the EndpointSlice controller (discovery.k8s.io/v1 slices of the pods a
 * Service selects, at most 100 endpoints each, updated with the least churn) and the legacy
 * Endpoints controller (core/v1 Endpoints named like the Service, capped at 1000 addresses).
 * Both compute their desired objects with pure code: {@link
 * io.j8s.controllers.endpoints.PodEndpoints} decides which pods count and with which ports,
 * {@link io.j8s.controllers.endpoints.SlicePlanner} turns (service, pods, nodes, existing
 * slices) into creates, updates and deletes as upstream's reconciler does, and {@link
 * io.j8s.controllers.endpoints.EndpointsPlanner} computes the Endpoints object; the controllers
 * read informer caches, apply the plan through the API, and record events when writes fail.
 */
package io.j8s.controllers.endpoints;
