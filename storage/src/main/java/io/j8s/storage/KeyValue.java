package io.j8s.storage;

/**
 * One stored key at one revision.
 *
 * @param createRevision revision at which this key was (last) created
 * @param modRevision    revision of the write that produced this value
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision) {}
