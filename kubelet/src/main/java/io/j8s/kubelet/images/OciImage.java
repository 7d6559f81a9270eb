package io.j8s.kubelet.images;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A single-layer OCI image, built in memory: its uncompressed layer, config, manifest and the
 * OCI image-layout tarball ({@code oci-layout}, {@code index.json}, {@code blobs/sha256/...})
 * that {@code ctr images import} reads. The index names the image with containerd's
 * {@code io.containerd.image.name} annotation, so it is imported under exactly {@link #name()}.
 */
public final class OciImage {
  public static final String LAYOUT_VERSION = "1.0.0";
  public static final String MEDIA_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String MEDIA_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String MEDIA_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String MEDIA_LAYER = "application/vnd.oci.image.layer.v1.tar";
  public static final String ANNOTATION_IMAGE_NAME = "io.containerd.image.name";
  public static final String ANNOTATION_REF_NAME = "org.opencontainers.image.ref.name";

  /** Bytes with their media type; addressed by {@link #digest()}. */
  public record Blob(String mediaType, byte[] bytes) {
    public String digest() { return sha256(bytes); }

    public long size() { return bytes.length; }

    String descriptor() { return Json.object(descriptorFields()); }

    /** The descriptor's rendered fields, for callers that add more (the index adds platform and annotations). */
    Map<String, String> descriptorFields() {
      Map<String, String> d = new LinkedHashMap<>();
      d.put("mediaType", Json.str(mediaType));
      d.put("digest", Json.str(digest()));
      d.put("size", Long.toString(size()));
      return d;
    }
  }

  private final String name;
  private final String architecture;
  private final List<String> entrypoint;
  private final List<String> cmd;
  private final List<String> env;
  private final Blob layer;

  /**
   * @param name full reference, e.g. {@code j8s.local/busybox:1}
   * @param architecture OCI architecture ({@code amd64}, {@code arm64})
   * @param layer an uncompressed tar of the root filesystem
   */
  public OciImage(String name, String architecture, List<String> entrypoint, List<String> cmd, List<String> env, byte[] layer) {
    if (!name.contains(":") || name.endsWith(":")) throw new IllegalArgumentException("image name needs a tag: " + name);
    this.name = name;
    this.architecture = architecture;
    this.entrypoint = List.copyOf(entrypoint);
    this.cmd = List.copyOf(cmd);
    this.env = List.copyOf(env);
    this.layer = new Blob(MEDIA_LAYER, layer.clone());
  }

  public String name() { return name; }

  /** The tag, the part after the last colon. */
  public String tag() { return name.substring(name.lastIndexOf(':') + 1); }

  public Blob layer() { return layer; }

  public Blob config() {
    Map<String, String> cfg = new LinkedHashMap<>();
    cfg.put("Env", Json.strings(env));
    if (!entrypoint.isEmpty()) cfg.put("Entrypoint", Json.strings(entrypoint));
    if (!cmd.isEmpty()) cfg.put("Cmd", Json.strings(cmd));
    cfg.put("WorkingDir", Json.str("/"));
    Map<String, String> rootfs = new LinkedHashMap<>();
    rootfs.put("type", Json.str("layers"));
    rootfs.put("diff_ids", Json.strings(List.of(layer.digest()))); // uncompressed: diff id = layer digest
    Map<String, String> c = new LinkedHashMap<>();
    c.put("architecture", Json.str(architecture));
    c.put("config", Json.object(cfg));
    c.put("created", Json.str("1970-01-01T00:00:00Z"));
    c.put("os", Json.str("linux"));
    c.put("rootfs", Json.object(rootfs));
    return new Blob(MEDIA_CONFIG, utf8(Json.object(c)));
  }

  public Blob manifest() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("schemaVersion", "2");
    m.put("mediaType", Json.str(MEDIA_MANIFEST));
    m.put("config", config().descriptor());
    m.put("layers", "[" + layer.descriptor() + "]");
    return new Blob(MEDIA_MANIFEST, utf8(Json.object(m)));
  }

  /** {@code index.json}: one manifest, with platform and name annotations. */
  public byte[] index() {
    Blob manifest = manifest();
    Map<String, String> platform = new LinkedHashMap<>();
    platform.put("architecture", Json.str(architecture));
    platform.put("os", Json.str("linux"));
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(ANNOTATION_IMAGE_NAME, Json.str(name));
    annotations.put(ANNOTATION_REF_NAME, Json.str(tag()));
    Map<String, String> d = manifest.descriptorFields();
    d.put("platform", Json.object(platform));
    d.put("annotations", Json.object(annotations));
    Map<String, String> idx = new LinkedHashMap<>();
    idx.put("schemaVersion", "2");
    idx.put("mediaType", Json.str(MEDIA_INDEX));
    idx.put("manifests", "[" + Json.object(d) + "]");
    return utf8(Json.object(idx));
  }

  /** The OCI image layout as one tarball, blobs in digest order. */
  public byte[] layoutTar() {
    TarWriter tar = new TarWriter();
    tar.file("oci-layout", 0644, utf8("{\"imageLayoutVersion\":\"" + LAYOUT_VERSION + "\"}"));
    tar.file("index.json", 0644, index());
    tar.directory("blobs", 0755);
    tar.directory("blobs/sha256", 0755);
    Map<String, Blob> blobs = new java.util.TreeMap<>();
    for (Blob b : List.of(layer, config(), manifest())) blobs.put(b.digest(), b);
    for (Blob b : blobs.values()) tar.file("blobs/sha256/" + b.digest().substring("sha256:".length()), 0644, b.bytes());
    return tar.finish();
  }

  /** The OCI architecture of this JVM's machine. */
  public static String hostArchitecture() {
    String a = System.getProperty("os.arch");
    return switch (a) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> a;
    };
  }

  /** {@code sha256:<hex>} of the bytes. */
  public static String sha256(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }
}
