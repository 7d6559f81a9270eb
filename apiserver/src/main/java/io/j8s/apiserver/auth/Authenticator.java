package io.j8s.apiserver.auth;

import io.j8s.apiserver.pki.ClusterPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Client certificates (verified by TLS against the client CA) and bearer tokens: the join token
 * (a node bootstrap identity, see {@link NodeIdentity}), then service account JWTs (a
 * {@link TokenAuthenticator}), then the static token file.
 */
public final class Authenticator {
  /** A bearer-token authenticator tried before the static token file (service account JWTs). */
  @FunctionalInterface
  public interface TokenAuthenticator {
    /** The outcome for a token this authenticator recognises, else empty. */
    java.util.Optional<AuthResult> authenticate(String token);
  }

  private final ClusterPki pki;
  private final Path tokenFile;
  private final TokenAuthenticator jwts;
  private volatile Map<String, UserInfo> tokens = Map.of();
  private volatile long tokensStamp = -1;

  public Authenticator(ClusterPki pki, Path dataDir) { this(pki, dataDir, t -> java.util.Optional.empty()); }

  public Authenticator(ClusterPki pki, Path dataDir, TokenAuthenticator jwts) {
    this.pki = pki;
    this.tokenFile = dataDir.resolve("server/tokens.csv");
    this.jwts = jwts;
  }

  public AuthResult authenticate(SSLSession session, String authorization) {
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = authorization.substring(7).trim();
      if (constantTimeEquals(token, pki.nodeToken())) {
        return new AuthResult.Authenticated(NodeIdentity.JOIN_TOKEN_USER);
      }
      java.util.Optional<AuthResult> jwt = jwts.authenticate(token);
      if (jwt.isPresent()) return jwt.get();
      UserInfo u = staticTokens().get(token);
      return u != null ? new AuthResult.Authenticated(u) : new AuthResult.Rejected("invalid bearer token");
    }
    if (session != null) {
      try {
        Certificate[] chain = session.getPeerCertificates();
        if (chain.length > 0 && chain[0] instanceof X509Certificate c) return new AuthResult.Authenticated(fromCert(c));
      } catch (SSLPeerUnverifiedException e) {
        // no client certificate: fall through
      }
    }
    return new AuthResult.Anonymous();
  }

  static UserInfo fromCert(X509Certificate c) {
    String cn = null;
    List<String> groups = new ArrayList<>();
    try {
      for (Rdn r : new LdapName(c.getSubjectX500Principal().getName()).getRdns()) {
        if (r.getType().equalsIgnoreCase("CN")) cn = String.valueOf(r.getValue());
        if (r.getType().equalsIgnoreCase("O")) groups.add(String.valueOf(r.getValue()));
      }
    } catch (InvalidNameException e) {
      throw new IllegalStateException("unparseable certificate subject " + c.getSubjectX500Principal(), e);
    }
    groups.add(UserInfo.AUTHENTICATED);
    return new UserInfo(cn == null ? "" : cn, List.copyOf(groups));
  }

  /** token,user,uid,"group1,group2" lines; reloaded when the file changes. */
  private Map<String, UserInfo> staticTokens() {
    try {
      if (!Files.exists(tokenFile)) return Map.of();
      long stamp = Files.getLastModifiedTime(tokenFile).toMillis();
      if (stamp != tokensStamp) {
        Map<String, UserInfo> m = new HashMap<>();
        for (String line : Files.readAllLines(tokenFile)) {
          if (line.isBlank() || line.startsWith("#")) continue;
          String[] f = line.split(",", 4);
          if (f.length < 2) continue;
          List<String> groups = new ArrayList<>();
          if (f.length == 4) for (String g : f[3].replace("\"", "").split(",")) if (!g.isBlank()) groups.add(g.trim());
          groups.add(UserInfo.AUTHENTICATED);
          m.put(f[0].trim(), new UserInfo(f[1].trim(), List.copyOf(groups)));
        }
        tokens = m;
        tokensStamp = stamp;
      }
      return tokens;
    } catch (IOException e) {
      return tokens;
    }
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
