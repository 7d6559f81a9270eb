package io.j8s.testkit.server;

import io.j8s.testkit.kubectl.Kubectl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Starts one server per test class through the ServiceLoader's {@link ServerProvider}. */
public final class J8sServerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(J8sServerExtension.class);

  @Override
  public void beforeAll(ExtensionContext ctx) throws Exception {
    List<ServerProvider> providers = ServiceLoader.load(ServerProvider.class).stream().map(ServiceLoader.Provider::get).toList();
    if (providers.size() != 1) {
      throw new IllegalStateException("expected exactly one io.j8s.testkit.server.ServerProvider on the test class path, found "
          + providers.size() + ": register one in src/test/resources/META-INF/services");
    }
    WithJ8sServer with = ctx.getRequiredTestClass().getAnnotation(WithJ8sServer.class);
    String datastore = with == null ? "sqlite:" : with.datastore();
    boolean agent = with != null && with.agent();
    Path dir = Files.createTempDirectory("j8s-test-");
    RunningServer server = providers.get(0).start(new ServerOptions(dir, datastore, agent));
    ctx.getStore(NS).put("dir", dir);
    ctx.getStore(NS).put("server", server);
  }

  @Override
  public void afterAll(ExtensionContext ctx) throws IOException {
    RunningServer server = ctx.getStore(NS).remove("server", RunningServer.class);
    if (server != null) server.close();
    Path dir = ctx.getStore(NS).remove("dir", Path.class);
    if (dir != null) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    Class<?> t = p.getParameter().getType();
    return t == RunningServer.class || t == Kubectl.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    RunningServer server = null;
    for (ExtensionContext c = e; c != null && server == null; c = c.getParent().orElse(null)) {
      server = c.getStore(NS).get("server", RunningServer.class);
    }
    if (server == null) throw new IllegalStateException("no j8s server: annotate the test class with @WithJ8sServer");
    return p.getParameter().getType() == Kubectl.class ? new Kubectl(server.kubeconfig()) : server;
  }
}
