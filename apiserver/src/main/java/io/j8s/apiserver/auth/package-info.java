/**
 * Who is asking and may they: client certificates from the client CA (CN = user, O = groups),
 * bearer tokens (the node join token, and a static token file {@code server/tokens.csv} like
 * upstream's --token-auth-file), impersonation headers, request attributes and the authorizer
 * front (system:masters short-cut, then the policy: RBAC, in package {@code rbac}). The join
 * token is a bootstrap identity that may only ask for a node client certificate
 * ({@link io.j8s.apiserver.auth.NodeIdentity}).
 */
package io.j8s.apiserver.auth;
