package io.j8s.kubelet.imagegc;

import java.time.Instant;

/**
 * One image as the collector knows it.
 *
 * @param firstDetected when the collector first saw it (its age for the minimum-age rule)
 * @param lastUsed      when a container last used it (firstDetected if never)
 * @param inUse         a container (running or not) refers to it now
 * @param pinned        it must never be removed (runtime-pinned, or imported from a tarball)
 */
public record ImageRecord(String id, long sizeBytes, Instant firstDetected, Instant lastUsed, boolean inUse, boolean pinned) {}
