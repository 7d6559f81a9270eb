package io.j8s.apiserver;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.openapi.OpenApiV3;
import io.j8s.api.registry.ResourceRegistry;
import io.j8s.api.registry.ResourceType;
import io.j8s.apiserver.admission.AdmissionPlugins;
import io.j8s.apiserver.auth.AuthResult;
import io.j8s.apiserver.auth.Authenticator;
import io.j8s.apiserver.tokens.SigningKey;
import io.j8s.apiserver.tokens.StoredObjects;
import io.j8s.apiserver.tokens.TokenIssuer;
import io.j8s.apiserver.tokens.TokenRequests;
import io.j8s.apiserver.tokens.TokenValidator;
import io.j8s.base.time.Clock;
import java.util.Optional;
import io.j8s.apiserver.auth.Authorizer;
import io.j8s.apiserver.discovery.Discovery;
import io.j8s.apiserver.encryption.SecretsAtRest;
import io.j8s.apiserver.http.HttpServer;
import io.j8s.apiserver.metrics.RequestMetrics;
import io.j8s.apiserver.certificates.CsrRequester;
import io.j8s.apiserver.node.NodeAuthorizer;
import io.j8s.apiserver.node.NodeGraphFeed;
import io.j8s.apiserver.node.NodeRestriction;
import io.j8s.apiserver.pki.ClusterPki;
import io.j8s.apiserver.proxy.KubeletProxy;
import io.j8s.apiserver.rbac.Bootstrap;
import io.j8s.apiserver.rbac.EscalationGuard;
import io.j8s.apiserver.rbac.IndexFeed;
import io.j8s.apiserver.rbac.RbacPolicy;
import io.j8s.apiserver.rbac.Reviews;
import io.j8s.apiserver.rest.ApiDispatcher;
import io.j8s.apiserver.rest.ResourceHandler;
import io.j8s.apiserver.rest.WriteGuard;
import io.j8s.apiserver.services.ServiceAddressing;
import io.j8s.apiserver.store.NamespaceView;
import io.j8s.apiserver.store.ObjectStore;
import io.j8s.apiserver.store.WatchCache;
import io.j8s.storage.Backend;
import io.j8s.storage.Backends;
import io.j8s.storage.StorageException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The j8s API server: datastore, watch cache, PKI and the HTTPS endpoint, wired together. */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-system", "kube-public", "kube-node-lease");

  private final Backend backend;
  private final WatchCache cache;
  private final HttpServer http;
  private final ClusterPki pki;
  private final ServiceAddressing addressing;
  private final IndexFeed rbac;
  private final NodeGraphFeed nodeGraph;

  private ApiServer(Backend backend, WatchCache cache, HttpServer http, ClusterPki pki, ServiceAddressing addressing, IndexFeed rbac,
      NodeGraphFeed nodeGraph) {
    this.nodeGraph = nodeGraph;
    this.addressing = addressing;
    this.rbac = rbac;
    this.backend = backend;
    this.cache = cache;
    this.http = http;
    this.pki = pki;
  }

  public static ApiServer start(ApiServerConfig config) throws Exception {
    ResourceRegistry registry = ResourceRegistry.builtins();
    Backend backend = SecretsAtRest.wrap(Backends.open(config.datastoreEndpoint(), config.dataDir()), config.dataDir());
    ServiceAddressing addressing = null;
    IndexFeed rbac = null;
    NodeGraphFeed nodeGraph = null;
    try {
      NamespaceView namespaces = new NamespaceView();
      ObjectStore store = new ObjectStore(backend, namespaces);
      ensureNamespaces(store, registry);
      Bootstrap.run(store);
      addressing = ServiceAddressing.open(store, config.serviceCidr(), config.serviceNodePortRange());
      WatchCache cache = new WatchCache(backend, 20_000, namespaces);
      ClusterPki pki = ClusterPki.loadOrCreate(config);
      String advertise = config.advertiseAddresses().isEmpty() ? "127.0.0.1" : config.advertiseAddresses().get(0);
      KubeletProxy kubelets = new KubeletProxy(store, registry.byPlural("", "v1", "nodes").orElseThrow(), pki.kubeletClientSslContext());
      IndexFeed feed = IndexFeed.start(backend, cache);
      rbac = feed;
      nodeGraph = NodeGraphFeed.start(backend, cache);
      Authorizer authz = new Authorizer(new NodeAuthorizer(nodeGraph, new RbacPolicy(feed::index)));
      WriteGuard guards = WriteGuard.all(new EscalationGuard(authz, feed::index), new NodeRestriction(), new CsrRequester());
      TokenIssuer issuer = new TokenIssuer(SigningKey.loadOrCreate(config.dataDir().resolve("server/tls/service-account.key")),
          config.serviceAccountIssuer(), List.of(config.serviceAccountIssuer()), Clock.system());
      TokenValidator tokens = issuer.validator(new StoredObjects(store));
      ResourceHandler resources = new ResourceHandler(store, cache, addressing.hook(), guards, kubelets,
          new AdmissionPlugins(store, registry, java.time.Clock.systemUTC()), new TokenRequests(issuer, store));
      Reviews reviews = new Reviews(authz, feed::index);
      RequestMetrics metrics = new RequestMetrics();
      ApiDispatcher dispatcher = new ApiDispatcher(registry, new Authenticator(pki, config.dataDir(), t -> serviceAccount(tokens, t)), authz,
          new Discovery(registry, advertise + ":" + config.port()), new OpenApiV3(registry), resources, reviews::handle, metrics, issuer);
      HttpServer http = new HttpServer(config.bindAddress(), config.port(), pki.serverSslContext(), config.maxRequestBytes(), dispatcher);
      pki.writeKubeconfig(pki.adminKubeconfig(), "https://" + hostPort(advertise, http.port()));
      try {
        addressing.serve(config.advertiseAddresses().isEmpty() ? List.of(advertise) : config.advertiseAddresses(), http.port());
      } catch (RuntimeException e) {
        http.close();
        throw e;
      }
      LOG.info("API server listening on {}:{} (TLS: {}, transport: {})", config.bindAddress(), http.port(), ClusterPki.tlsProvider(),
          HttpServer.transport());
      return new ApiServer(backend, cache, http, pki, addressing, rbac, nodeGraph);
    } catch (Exception | Error e) {
      if (nodeGraph != null) nodeGraph.close();
      if (rbac != null) rbac.close();
      if (addressing != null) addressing.close();
      backend.close();
      throw e;
    }
  }

  /** Service account JWTs: valid ones authenticate, other JWTs are refused, anything else is for the next authenticator. */
  private static Optional<AuthResult> serviceAccount(TokenValidator tokens, String token) {
    return switch (tokens.validate(token)) {
      case TokenValidator.Verdict.Valid v -> Optional.of(new AuthResult.Authenticated(v.user()));
      case TokenValidator.Verdict.Invalid i -> {
        LOG.debug("service account token refused: {}", i.reason());
        yield Optional.of(new AuthResult.Rejected(i.reason()));
      }
      case TokenValidator.Verdict.NotJwt n -> Optional.empty();
    };
  }

  private static String hostPort(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** The namespaces every cluster has from its first start. */
  private static void ensureNamespaces(ObjectStore store, ResourceRegistry registry) {
    ResourceType ns = registry.byPlural("", "v1", "namespaces").orElseThrow();
    for (String name : SYSTEM_NAMESPACES) {
      if (store.get(ns, null, name).isPresent()) continue;
      ObjectNode o = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Namespace");
      ObjectNode m = o.putObject("metadata").put("name", name).put("uid", UUID.randomUUID().toString())
          .put("creationTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      m.putObject("labels").put("kubernetes.io/metadata.name", name);
      o.putObject("spec").putArray("finalizers").add("kubernetes");
      o.putObject("status").put("phase", "Active");
      try {
        store.create(ns, null, name, o);
      } catch (StorageException.KeyExists e) {
        // another server created it first
      }
    }
    ensureDefaultServiceAccounts(store, registry);
  }

  /**
   * The {@code default} ServiceAccount of each system namespace, so that pods created right after the
   * first start pass ServiceAccount admission before the controllers are elected (the ServiceAccount
   * controller keeps it, and those of every other namespace, afterwards).
   */
  private static void ensureDefaultServiceAccounts(ObjectStore store, ResourceRegistry registry) {
    ResourceType sa = registry.byPlural("", "v1", "serviceaccounts").orElseThrow();
    for (String ns : SYSTEM_NAMESPACES) {
      if (store.get(sa, ns, "default").isPresent()) continue;
      ObjectNode o = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "ServiceAccount");
      o.putObject("metadata").put("name", "default").put("namespace", ns).put("uid", UUID.randomUUID().toString())
          .put("creationTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      try {
        store.create(sa, ns, "default", o);
      } catch (StorageException.KeyExists e) {
        // another server or the controller created it first
      }
    }
  }

  public int port() { return http.port(); }

  public ClusterPki pki() { return pki; }

  @Override public void close() {
    nodeGraph.close();
    rbac.close();
    addressing.close();
    http.close();
    cache.close();
    backend.close();
  }
}
