package io.j8s.api.validation;

import static io.j8s.api.validation.V.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkPolicyValidationTest {
  static final KubernetesSerialization JSON = new KubernetesSerialization();

  static List<FieldError> errs(String spec) {
    NetworkPolicy np = JSON.unmarshal("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: a}\nspec:\n"
        + spec.stripIndent().lines().map(l -> "  " + l + "\n").reduce("", String::concat), NetworkPolicy.class);
    return validate(np);
  }

  @Test void everyRuleKindValidHasNoErrors() {
    assertThat(errs("""
        podSelector: {matchExpressions: [{key: app, operator: In, values: [web]}]}
        policyTypes: [Ingress, Egress]
        ingress:
        - from: [{podSelector: {}}, {namespaceSelector: {matchLabels: {team: a}}, podSelector: {matchLabels: {app: c}}},
                 {ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}, {ipBlock: {cidr: "2001:db8::/64"}}]
          ports: [{port: 80}, {port: http, protocol: UDP}, {port: 8000, endPort: 9000, protocol: SCTP}, {protocol: TCP}]
        egress: [{}]
        """)).isEmpty();
  }

  @Test void peersMustBeOneKind() {
    assertThat(errs("podSelector: {}\ningress: [{from: [{}, {ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]}]"))
        .extracting(FieldError::field, FieldError::render).containsExactly(
            tuple("spec.ingress[0].from[0]", "spec.ingress[0].from[0]: Required value: must specify a peer"),
            tuple("spec.ingress[0].from[1]", "spec.ingress[0].from[1]: Forbidden: may not specify both ipBlock and another peer"));
  }

  @Test void ipBlocksNeedAValidCidrAndExceptsStrictlyInside() {
    assertThat(errs("podSelector: {}\negress: [{to: [{ipBlock: {cidr: 10.0.0.0/33}}, {ipBlock: {cidr: 10.0.0.0/8, "
        + "except: [10.0.0.0/8, 11.0.0.0/16, nonsense, 10.2.0.0/16]}}, {ipBlock: {cidr: ''}}]}]"))
        .extracting(FieldError::render).containsExactly(
            "spec.egress[0].to[0].ipBlock.cidr: Invalid value: \"10.0.0.0/33\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
            "spec.egress[0].to[1].ipBlock.except[0]: Invalid value: \"10.0.0.0/8\": must be a strict subset of `cidr`",
            "spec.egress[0].to[1].ipBlock.except[1]: Invalid value: \"11.0.0.0/16\": must be a strict subset of `cidr`",
            "spec.egress[0].to[1].ipBlock.except[2]: Invalid value: \"nonsense\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
            "spec.egress[0].to[2].ipBlock.cidr: Required value");
  }

  @Test void portsProtocolsAndEndPorts() {
    assertThat(errs("podSelector: {}\ningress: [{ports: [{port: 0}, {port: 70000}, {port: Not_A_Name}, {protocol: ICMP}, "
        + "{endPort: 90}, {port: http, endPort: 90}, {port: 100, endPort: 90}, {port: 100, endPort: 70000}]}]"))
        .extracting(FieldError::field).containsExactly("spec.ingress[0].ports[0].port", "spec.ingress[0].ports[1].port",
            "spec.ingress[0].ports[2].port", "spec.ingress[0].ports[3].protocol", "spec.ingress[0].ports[4].port",
            "spec.ingress[0].ports[5].endPort", "spec.ingress[0].ports[6].endPort", "spec.ingress[0].ports[7].endPort");
    assertThat(errs("podSelector: {}\ningress: [{ports: [{port: 100, endPort: 90}]}]").get(0).render())
        .isEqualTo("spec.ingress[0].ports[0].endPort: Invalid value: 90: must be greater than or equal to `port`");
  }

  @Test void selectorsAndPolicyTypes() {
    assertThat(errs("podSelector: {matchExpressions: [{key: app, operator: Near, values: [x]}]}\n"
        + "policyTypes: [Ingress, Sideways, Egress]\ningress: [{from: [{namespaceSelector: {matchLabels: {'bad key!': x}}}]}]"))
        .extracting(FieldError::field).containsExactlyInAnyOrder("spec.podSelector", "spec.policyTypes[1]", "spec.policyTypes",
            "spec.ingress[0].from[0].namespaceSelector.matchLabels");
  }
}
