package io.j8s.api.protobuf;

import static io.j8s.api.protobuf.MessageType.message;
import static io.j8s.api.protobuf.MessageType.object;
import static io.j8s.api.protobuf.Scalar.*;

/**
 * networking.k8s.io/v1 Ingress.
 *
 * <p>Field numbers, JSON names and omitempty/pointer-ness are those kubectl v1.32 encodes with (see
 * the package doc for how they were read off the binary and checked); leaf messages come first.
 */
final class NetworkingV1Schema {
  private NetworkingV1Schema() {}

  static final MessageType SERVICE_BACKEND_PORT = message("ServiceBackendPort")
      .opt(1, "name", STRING)
      .opt(2, "number", INT32);

  static final MessageType INGRESS_SERVICE_BACKEND = message("IngressServiceBackend")
      .req(1, "name", STRING)
      .req(2, "port", SERVICE_BACKEND_PORT);

  static final MessageType INGRESS_BACKEND = message("IngressBackend")
      .req(4, "service", INGRESS_SERVICE_BACKEND)
      .req(3, "resource", VolumeV1Schema.TYPED_LOCAL_OBJECT_REFERENCE);

  static final MessageType HTTP_INGRESS_PATH = message("HTTPIngressPath")
      .opt(1, "path", STRING)
      .req(3, "pathType", STRING)
      .req(2, "backend", INGRESS_BACKEND);

  static final MessageType HTTP_INGRESS_RULE_VALUE = message("HTTPIngressRuleValue")
      .list(1, "paths", HTTP_INGRESS_PATH);

  static final MessageType INGRESS_RULE_VALUE = message("IngressRuleValue")
      .req(1, "http", HTTP_INGRESS_RULE_VALUE);

  static final MessageType INGRESS_RULE = message("IngressRule")
      .opt(1, "host", STRING)
      .inline(2, INGRESS_RULE_VALUE);

  static final MessageType INGRESS_TLS = message("IngressTLS")
      .list(1, "hosts", STRING)
      .opt(2, "secretName", STRING);

  static final MessageType INGRESS_SPEC = message("IngressSpec")
      .req(4, "ingressClassName", STRING)
      .req(1, "defaultBackend", INGRESS_BACKEND)
      .list(2, "tls", INGRESS_TLS)
      .list(3, "rules", INGRESS_RULE);

  static final MessageType INGRESS_PORT_STATUS = message("IngressPortStatus")
      .req(1, "port", INT32)
      .req(2, "protocol", STRING)
      .req(3, "error", STRING);

  static final MessageType INGRESS_LOAD_BALANCER_INGRESS = message("IngressLoadBalancerIngress")
      .opt(1, "ip", STRING)
      .opt(2, "hostname", STRING)
      .list(4, "ports", INGRESS_PORT_STATUS);

  static final MessageType INGRESS_LOAD_BALANCER_STATUS = message("IngressLoadBalancerStatus")
      .list(1, "ingress", INGRESS_LOAD_BALANCER_INGRESS);

  static final MessageType INGRESS_STATUS = message("IngressStatus")
      .req(1, "loadBalancer", INGRESS_LOAD_BALANCER_STATUS);

  static final MessageType INGRESS = object("Ingress", INGRESS_SPEC, INGRESS_STATUS);
}
