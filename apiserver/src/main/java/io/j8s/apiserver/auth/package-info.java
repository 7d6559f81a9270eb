/**
 * Who is asking and may they: client certificates from the client CA (CN = user, O = groups),
 * bearer tokens (the node join token, and a static token file {@code server/tokens.csv} like
 * upstream's --token-auth-file), impersonation headers, request attributes and the authorizer
 * front (system:masters short-cut, then the policy: RBAC, in package {@code rbac}). The join
 * token still maps to group system:masters; per-node identities come with the [security] issue.
 */
package io.j8s.apiserver.auth;
