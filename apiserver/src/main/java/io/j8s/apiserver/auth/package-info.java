/**
 * Who is asking and may they: client certificates from the client CA (CN = user, O = groups),
 * bearer tokens (the node join token, and a static token file {@code server/tokens.csv} like
 * upstream's --token-auth-file), and an authorizer. For now the join token maps to group
 * system:masters and only system:masters is authorized; the [security] issue brings RBAC and
 * per-node identities.
 */
package io.j8s.apiserver.auth;
