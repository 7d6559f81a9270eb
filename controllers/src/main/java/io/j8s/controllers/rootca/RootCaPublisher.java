package io.j8s.controllers.rootca;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.j8s.controllers.runtime.Controller;
import io.j8s.controllers.runtime.ControllerContext;
import io.j8s.controllers.runtime.Reconciler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps {@code kube-root-ca.crt} in every active namespace (see the package doc), keyed by namespace name. */
public final class RootCaPublisher implements Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(RootCaPublisher.class);
  private final ControllerContext ctx;
  private final SharedIndexInformer<Namespace> namespaces;
  private final SharedIndexInformer<ConfigMap> configMaps;
  private final String caBundle;

  private RootCaPublisher(ControllerContext ctx, String caBundle) {
    this.ctx = ctx;
    this.caBundle = caBundle;
    this.namespaces = ctx.informers().of(Namespace.class);
    this.configMaps = ctx.informers().of(ConfigMap.class);
  }

  public static Controller create(ControllerContext ctx) {
    RootCaPublisher r = new RootCaPublisher(ctx, caBundle(ctx.client().getConfiguration()));
    if (r.caBundle == null) LOG.warn("rootca: the controllers' client trusts no CA bundle: no kube-root-ca.crt is published");
    return new Controller("root-ca-publisher", 2, ctx.clock(), r)
        .watchSelf(r.namespaces)
        .watch(r.configMaps, cm -> RootCaPlanner.NAME.equals(cm.getMetadata().getName()) ? List.of(cm.getMetadata().getNamespace()) : List.of());
  }

  /** The PEM bundle the client verifies the API server with (inline data, else the file), or null. */
  static String caBundle(Config c) {
    if (c.getCaCertData() != null && !c.getCaCertData().isBlank()) {
      return new String(Base64.getDecoder().decode(c.getCaCertData().trim()), StandardCharsets.UTF_8);
    }
    if (c.getCaCertFile() != null && !c.getCaCertFile().isBlank()) {
      try {
        return Files.readString(Path.of(c.getCaCertFile()));
      } catch (IOException e) {
        LOG.warn("rootca: cannot read {}: {}", c.getCaCertFile(), e.toString());
      }
    }
    return null;
  }

  @Override public Outcome reconcile(String namespace) {
    Namespace ns = namespaces.getStore().getByKey(namespace);
    boolean active = ns != null && ns.getMetadata().getDeletionTimestamp() == null
        && (ns.getStatus() == null || !"Terminating".equals(ns.getStatus().getPhase()));
    ConfigMap cm = configMaps.getStore().getByKey(namespace + "/" + RootCaPlanner.NAME);
    Map<String, String> data = cm == null ? null : cm.getData() == null ? Map.of() : cm.getData();
    boolean binary = cm != null && cm.getBinaryData() != null && !cm.getBinaryData().isEmpty();
    RootCaPlanner.Action action = RootCaPlanner.plan(active, data, binary, caBundle);
    try {
      switch (action) {
        case RootCaPlanner.Action.None n -> { }
        case RootCaPlanner.Action.Create c -> {
          ctx.client().configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName(RootCaPlanner.NAME)
              .withNamespace(namespace).addToAnnotations(RootCaPlanner.DESCRIPTION_ANNOTATION, RootCaPlanner.DESCRIPTION).endMetadata()
              .withData(Map.of(RootCaPlanner.KEY, caBundle)).build()).create();
          LOG.info("rootca: created {}/{}", namespace, RootCaPlanner.NAME);
        }
        case RootCaPlanner.Action.Restore r -> {
          ConfigMap next = new ConfigMapBuilder(cm).withData(new HashMap<>(Map.of(RootCaPlanner.KEY, caBundle))).withBinaryData(null).build();
          ctx.client().configMaps().inNamespace(namespace).resource(next).update();
          LOG.info("rootca: restored {}/{}", namespace, RootCaPlanner.NAME);
        }
      }
    } catch (KubernetesClientException e) {
      // 409: our cache lags (the next event reconciles again); 403/404 while the namespace goes away: nothing to do.
      if (e.getCode() != 409 && e.getCode() != 403 && e.getCode() != 404) throw e;
    }
    return DONE;
  }
}
