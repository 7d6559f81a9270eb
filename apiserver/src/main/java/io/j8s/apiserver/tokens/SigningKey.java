package io.j8s.apiserver.tokens;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The service-account signing key: RSA 2048, RS256, its key id upstream's way (base64url of the
 * SHA-256 of the public key's DER). Kept as PKCS#8 PEM with mode 0600; made on first start.
 */
public final class SigningKey {
  public static final String ALG = "RS256";
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private final RSAPrivateCrtKey privateKey;
  private final RSAPublicKey publicKey;
  private final String keyId;

  private SigningKey(RSAPrivateCrtKey privateKey) throws GeneralSecurityException {
    this.privateKey = privateKey;
    this.publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
        .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
    this.keyId = B64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded()));
  }

  /** A fresh key that is not saved (tests). */
  public static SigningKey generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048, new SecureRandom());
      return new SigningKey((RSAPrivateCrtKey) g.generateKeyPair().getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an RSA key", e);
    }
  }

  /** Reads {@code file}, or makes a key and writes it there (mode 0600) when absent. */
  public static SigningKey loadOrCreate(Path file) throws IOException {
    try {
      if (Files.exists(file)) {
        String pem = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(pem);
        return new SigningKey((RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)));
      }
      SigningKey k = generate();
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(k.privateKey.getEncoded());
      Files.writeString(tmp, "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n");
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      return k;
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new IOException("unusable service account key " + file + ": " + e.getMessage(), e);
    }
  }

  public String keyId() { return keyId; }

  byte[] sign(byte[] data) {
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(privateKey);
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign", e);
    }
  }

  boolean verify(byte[] data, byte[] signature) {
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initVerify(publicKey);
      s.update(data);
      return s.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** The public key as a JWK (RFC 7517), as upstream's /openid/v1/jwks lists it. */
  public ObjectNode jwk() {
    ObjectNode k = JsonNodeFactory.instance.objectNode();
    k.put("use", "sig").put("kty", "RSA").put("kid", keyId).put("alg", ALG);
    k.put("n", B64URL.encodeToString(unsigned(publicKey.getModulus())));
    k.put("e", B64URL.encodeToString(unsigned(publicKey.getPublicExponent())));
    return k;
  }

  private static byte[] unsigned(BigInteger v) {
    byte[] b = v.toByteArray();
    if (b.length > 1 && b[0] == 0) return java.util.Arrays.copyOfRange(b, 1, b.length);
    return b;
  }
}
