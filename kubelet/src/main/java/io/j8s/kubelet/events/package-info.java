/**
 * The kubelet's core/v1 Events, as upstream's event broadcaster writes them for the kubelet:
 * source component {@code kubelet} and host the node, involved object the pod (with the
 * container's field path), and the same correlation ({@link io.j8s.kubelet.events.EventCorrelator}):
 * a repeat of an event (same object, field, type, reason and message) within 10 minutes raises
 * the count of the event already written instead of writing another, and each object may cause
 * at most 25 writes at once, then one per 5 minutes (the spam filter), so a crash-looping pod does
 * not flood the API. Writes are asynchronous, on one virtual thread, from a bounded queue.
 */
package io.j8s.kubelet.events;
