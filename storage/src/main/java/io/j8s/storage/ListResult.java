package io.j8s.storage;

import java.util.List;

/**
 * A page of a prefix listing.
 *
 * @param items    keys in ascending key order
 * @param revision the revision the listing was read at (pass it back to read the next page
 *                 consistently)
 * @param more     true when keys after the last item remain under the prefix
 * @param remaining number of keys after this page (0 when {@code more} is false), or -1 if unknown
 */
public record ListResult(List<KeyValue> items, long revision, boolean more, long remaining) {}
