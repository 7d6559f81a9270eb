package io.j8s.apiserver.auth;

import java.util.List;
import java.util.Optional;

/**
 * The identities of nodes, as upstream names them: the join token authenticates as a bootstrap
 * user ({@code system:bootstrap:j8s} in {@code system:bootstrappers} and
 * {@code system:bootstrappers:j8s:default-node-token}), which may only ask for a node client
 * certificate; that certificate then authenticates the node as {@code system:node:<name>} in
 * {@code system:nodes}.
 */
public final class NodeIdentity {
  public static final String BOOTSTRAPPERS = "system:bootstrappers";
  public static final String DEFAULT_TOKEN_GROUP = "system:bootstrappers:j8s:default-node-token";
  public static final String BOOTSTRAP_USER = "system:bootstrap:j8s";
  public static final String NODES = "system:nodes";
  public static final String NODE_PREFIX = "system:node:";

  /** Who the join token is. */
  public static final UserInfo JOIN_TOKEN_USER =
      new UserInfo(BOOTSTRAP_USER, List.of(BOOTSTRAPPERS, DEFAULT_TOKEN_GROUP, UserInfo.AUTHENTICATED));

  private NodeIdentity() {}

  /** The node a user is, as upstream's NodeIdentifier: a {@code system:node:<name>} user in system:nodes. */
  public static Optional<String> nodeName(UserInfo u) {
    if (u == null || !u.name().startsWith(NODE_PREFIX) || !u.inGroup(NODES)) return Optional.empty();
    String name = u.name().substring(NODE_PREFIX.length());
    return name.isEmpty() ? Optional.empty() : Optional.of(name);
  }

  /** A user in system:nodes whose name does not say which node: refused everything node-scoped. */
  public static boolean isNodeGroupMember(UserInfo u) {
    return u != null && u.inGroup(NODES);
  }
}
