package io.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.openapi.OpenApiV3;
import io.j8s.api.registry.ResourceRegistry;
import io.j8s.api.registry.ResourceType;
import io.j8s.apiserver.auth.Attributes;
import io.j8s.apiserver.auth.AuthResult;
import io.j8s.apiserver.auth.Authenticator;
import io.j8s.apiserver.auth.Authorizer;
import io.j8s.apiserver.auth.Impersonation;
import io.j8s.apiserver.auth.UserInfo;
import io.j8s.apiserver.discovery.Discovery;
import io.j8s.apiserver.errors.ApiException;
import io.j8s.apiserver.http.Exchange;
import io.j8s.apiserver.metrics.RequestMetrics;
import io.j8s.apiserver.tokens.TokenIssuer;
import io.j8s.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request's way through the server: authenticate, impersonate (when asked and allowed),
 * authorize (resource and non-resource requests; the public health and version paths need no
 * credentials), route (health, version, metrics, OpenAPI, discovery, service account issuer
 * discovery, reviews, resources), and
 * turn every failure into a {@code Status}. Records request metrics.
 */
public final class ApiDispatcher implements Consumer<Exchange> {
  private static final Logger LOG = LoggerFactory.getLogger(ApiDispatcher.class);
  private static final Set<String> PUBLIC = Set.of("/healthz", "/livez", "/readyz", "/version");

  private final ResourceRegistry registry;
  private final Authenticator authn;
  private final Authorizer authz;
  private final Discovery discovery;
  private final OpenApiV3 openapi;
  private final ResourceHandler resources;
  private final CreateOnlyHandler reviews;
  private final RequestMetrics metrics;
  private final Responder out = new Responder();
  private final ObjectNode version;
  private final TokenIssuer issuer;

  public ApiDispatcher(ResourceRegistry registry, Authenticator authn, Authorizer authz, Discovery discovery,
      OpenApiV3 openapi, ResourceHandler resources, CreateOnlyHandler reviews, RequestMetrics metrics) {
    this(registry, authn, authz, discovery, openapi, resources, reviews, metrics, null);
  }

  /** @param issuer serves the service account issuer discovery documents (null: 404) */
  public ApiDispatcher(ResourceRegistry registry, Authenticator authn, Authorizer authz, Discovery discovery,
      OpenApiV3 openapi, ResourceHandler resources, CreateOnlyHandler reviews, RequestMetrics metrics, TokenIssuer issuer) {
    this.issuer = issuer;
    this.reviews = reviews;
    this.registry = registry;
    this.authn = authn;
    this.authz = authz;
    this.discovery = discovery;
    this.openapi = openapi;
    this.resources = resources;
    this.metrics = metrics;
    this.version = JsonNodeFactory.instance.objectNode().put("major", "1").put("minor", "32")
        .put("gitVersion", "v1.32.0+j8s").put("gitCommit", "unknown").put("gitTreeState", "clean")
        .put("buildDate", "2026-11-24T00:00:00Z").put("goVersion", "java" + Runtime.version().feature())
        .put("compiler", "j8s").put("platform", "linux/amd64");
  }

  @Override
  public void accept(Exchange ex) {
    long start = System.nanoTime();
    if (LOG.isDebugEnabled()) LOG.debug("-> {} {} ({})", ex.method(), ex.uri(), ex.header("User-Agent"));
    RequestInfo ri = RequestInfo.parse(ex.path());
    String verb = ri.resource() ? ResourceHandler.verb(ex, ri) : ex.method().toLowerCase();
    try {
      UserInfo user = authenticate(ex, ri);
      route(ex, ri, verb, user);
    } catch (ApiException e) {
      out.status(ex, e);
    } catch (StorageException.Unavailable e) {
      out.status(ex, ApiException.unavailable("the datastore is unavailable: " + e.getMessage()));
    } catch (StorageException.Unreadable e) {
      LOG.warn("{} {}: {}", ex.method(), ex.uri(), e.getMessage());
      out.status(ex, ApiException.internal(e.getMessage()));
    } catch (RuntimeException e) {
      LOG.error("{} {} failed", ex.method(), ex.uri(), e);
      out.status(ex, ApiException.internal(e.toString()));
    } finally {
      metrics.record(verb.toUpperCase(), ri.group(), ri.plural(), ri.sub(), ex.status(), System.nanoTime() - start);
      if (LOG.isDebugEnabled()) LOG.debug("<- {} {} {} in {} ms", ex.status(), ex.method(), ex.uri(), (System.nanoTime() - start) / 1_000_000);
    }
  }

  /** Kinds answered without storage (reviews). */
  @FunctionalInterface
  public interface CreateOnlyHandler {
    void handle(Exchange ex, RequestInfo ri, ResourceType t, UserInfo user, Responder out);
  }

  private UserInfo authenticate(Exchange ex, RequestInfo ri) {
    AuthResult r = authn.authenticate(ex.sslSession(), ex.header("Authorization"));
    return switch (r) {
      case AuthResult.Authenticated a -> impersonate(ex, a.user());
      case AuthResult.Rejected rej -> throw ApiException.unauthorized();
      case AuthResult.Anonymous an -> {
        if (!ri.resource() && PUBLIC.contains(ri.path())) yield null;
        throw ApiException.unauthorized();
      }
    };
  }

  private UserInfo impersonate(Exchange ex, UserInfo real) {
    List<Map.Entry<String, String>> headers = ex.headers().entries();
    boolean asked = false;
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().regionMatches(true, 0, "Impersonate-", 0, 12)) {
        asked = true;
        break;
      }
    }
    if (!asked) return real;
    Impersonation.Wanted w = Impersonation.read(headers);
    return w == null ? real : Impersonation.apply(w, real, authz);
  }

  private void route(Exchange ex, RequestInfo ri, String verb, UserInfo user) {
    if (!ri.resource()) {
      if (user != null) authz.check(Attributes.nonResource(user, verb, ri.path()));
      nonResource(ex, ri);
      return;
    }
    ResourceType t = registry.byPlural(ri.group(), ri.version(), ri.plural())
        .orElseThrow(() -> ApiException.notFoundPath(ri.path()));
    authz.check(Attributes.resource(user, verb, t.group(), t.plural(), ri.sub(), ri.namespace(), ri.name()));
    if (t.createOnly()) {
      reviews.handle(ex, ri, t, user, out);
      return;
    }
    resources.handle(ex, ri, t, out, user);
  }

  private void nonResource(Exchange ex, RequestInfo ri) {
    String p = ri.path();
    if (!ex.method().equals("GET") && !ex.method().equals("HEAD")) throw ApiException.methodNotAllowed(ex.method() + " is not supported on " + p);
    if (p.equals("/version")) {
      out.json(ex, 200, version);
    } else if (p.equals("/healthz") || p.equals("/livez") || p.equals("/readyz") || p.startsWith("/healthz/")
        || p.startsWith("/livez/") || p.startsWith("/readyz/")) {
      ex.respond(200, "text/plain; charset=utf-8", "ok".getBytes(StandardCharsets.UTF_8));
    } else if (issuer != null && (p.equals(TokenIssuer.OPENID_CONFIGURATION) || p.equals(TokenIssuer.OPENID_CONFIGURATION + "/"))) {
      out.json(ex, 200, issuer.openidConfiguration());
    } else if (issuer != null && (p.equals(TokenIssuer.JWKS) || p.equals(TokenIssuer.JWKS + "/"))) {
      ex.respond(200, "application/jwk-set+json", issuer.jwks().toString().getBytes(StandardCharsets.UTF_8));
    } else if (p.equals("/metrics")) {
      ex.respond(200, "text/plain; version=0.0.4; charset=utf-8", metrics.render().getBytes(StandardCharsets.UTF_8));
    } else if (p.equals("/openapi/v3")) {
      out.json(ex, 200, openapi.index());
    } else if (p.startsWith("/openapi/v3/")) {
      byte[] doc = openapi.documentBytes(p.substring("/openapi/v3/".length())).orElseThrow(() -> ApiException.notFoundPath(p));
      ex.respond(200, "application/json", doc);
    } else if (p.equals("/api")) {
      out.json(ex, 200, discovery.coreVersions());
    } else if (p.equals("/apis")) {
      out.json(ex, 200, discovery.groupList());
    } else if (p.startsWith("/api/")) {
      out.json(ex, 200, discovery.resources(p.substring(5)).orElseThrow(() -> ApiException.notFoundPath(p)));
    } else if (p.startsWith("/apis/")) {
      String gv = p.substring(6);
      var doc = gv.contains("/") ? discovery.resources(gv) : discovery.group(gv);
      out.json(ex, 200, doc.orElseThrow(() -> ApiException.notFoundPath(p)));
    } else {
      throw ApiException.notFoundPath(p);
    }
  }
}
