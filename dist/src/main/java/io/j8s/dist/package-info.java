/**
 * The {@code j8s} command: flags (picocli), wiring of the server, and packaging into one jar.
 * {@code j8s server} runs the API server (the node agent follows with the [kubelet] issue).
 */
package io.j8s.dist;
