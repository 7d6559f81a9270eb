package io.j8s.testkit.server;

import java.nio.file.Path;

/** @param datastoreEndpoint "sqlite:" or "etcd://h:p,..." */
public record ServerOptions(Path dataDir, String datastoreEndpoint) {}
