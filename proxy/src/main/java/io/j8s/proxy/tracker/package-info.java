/**
 * Change tracking (stable API): {@link io.j8s.proxy.tracker.ProxyStateTracker} turns Service and
 * EndpointSlice informer events into the {@link io.j8s.proxy.state.ProxyState} value plus the set
 * of Services changed since the last sync, ignoring events that change nothing the proxy sees
 * (status-only updates, resyncs). {@link io.j8s.proxy.tracker.ServicePorts} and
 * {@link io.j8s.proxy.tracker.SliceEndpoints} are the pure conversions from the fabric8 objects.
 * Every proxy mode is fed by the same tracker through {@link io.j8s.proxy.ServiceProxy}.
 */
package io.j8s.proxy.tracker;
