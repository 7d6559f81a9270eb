package io.j8s.apiserver.node;

import io.j8s.apiserver.auth.Attributes;
import io.j8s.apiserver.auth.Authorizer;
import io.j8s.apiserver.auth.Decision;
import io.j8s.apiserver.auth.NodeIdentity;
import java.util.Optional;

/**
 * Upstream's authorizer chain {@code Node,RBAC}: for a node user, {@link NodeRules} first; what
 * it does not allow goes to the next policy (RBAC), and a refusal there carries the node
 * authorizer's reason. Everyone else goes to the next policy directly.
 */
public final class NodeAuthorizer implements Authorizer.Policy {
  private final NodeGraph graph;
  private final Authorizer.Policy next;

  public NodeAuthorizer(NodeGraph graph, Authorizer.Policy next) {
    this.graph = graph;
    this.next = next;
  }

  @Override
  public Decision decide(Attributes a) {
    Optional<String> node = NodeIdentity.nodeName(a.user());
    if (node.isEmpty()) return next.decide(a);
    Decision mine = NodeRules.decide(node.get(), a, graph);
    if (mine.allowed()) return mine;
    Decision rbac = next.decide(a);
    if (rbac.allowed() || mine.reason().isEmpty()) return rbac;
    return Decision.deny(mine.reason());
  }
}
