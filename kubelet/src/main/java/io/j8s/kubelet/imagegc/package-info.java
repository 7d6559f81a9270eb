/**
 * Image garbage collection, as upstream's image manager: when the image filesystem is fuller than
 * the high threshold, unused images are removed, least recently used first, until it is back under
 * the low threshold. Images in use by any container, pinned by the runtime, imported from the
 * agent's image tarballs (they cannot be pulled again) or younger than the minimum age stay.
 * {@link io.j8s.kubelet.imagegc.ImageGcPlanner} decides as a value; {@link
 * io.j8s.kubelet.imagegc.ImageGarbageCollector} observes the runtime and applies it.
 */
package io.j8s.kubelet.imagegc;
