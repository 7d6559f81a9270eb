/**
 * Starting a j8s API server for a test class: a ServiceLoader SPI that the module under test
 * implements ({@link io.j8s.testkit.server.ServerProvider}) and a JUnit 5 extension that gives
 * each annotated class its own server on a free port with a temporary data dir.
 */
package io.j8s.testkit.server;
