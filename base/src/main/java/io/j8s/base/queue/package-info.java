/**
 * Rate-limited work queues for control loops: keys (not events) are queued, a key is never
 * handed to two workers at once, a key re-added while being worked on is queued again when
 * the worker finishes, and failures are retried with per-key exponential backoff.
 */
package io.j8s.base.queue;
