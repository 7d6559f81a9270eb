package io.j8s.kubelet.images;

import io.j8s.base.process.ProcessRunner;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Imports image tarballs ({@code *.tar}, OCI layout or docker save format) into containerd's
 * {@code k8s.io} namespace, the one CRI sees, with {@code ctr} on the node's own socket. A tarball
 * is imported only when its sha256 differs from the one recorded at its last successful import;
 * the record lives beside containerd's root, so a wiped containerd gets everything again.
 */
public final class ImageImporter {
  public static final String CRI_NAMESPACE = "k8s.io";
  static final String REFS_SUFFIX = ".refs";
  private static final Pattern UNPACKING = Pattern.compile("(?m)^unpacking (\\S+) \\(sha256:");

  private final Path ctr;
  private final Path socket;
  private final Path record;
  private final String snapshotter;
  private final ProcessRunner runner;

  public ImageImporter(Path ctr, Path socket, Path record, String snapshotter, ProcessRunner runner) {
    this.ctr = ctr;
    this.socket = socket;
    this.record = record;
    this.snapshotter = snapshotter;
    this.runner = runner.timeout(Duration.ofMinutes(5));
  }

  /** Imports the tarballs in {@code dir} that changed since their last import; returns those imported. */
  public List<Path> importChanged(Path dir) {
    Properties done = load(record);
    List<Path> imported = new ArrayList<>();
    for (Path tar : tarballs(dir)) {
      String key = tar.getFileName().toString();
      String digest = digest(tar);
      if (digest.equals(done.getProperty(key)) && done.containsKey(key + REFS_SUFFIX)) continue; // (records of older agents lack the refs)
      String out = runner.run(List.of(ctr.toString(), "--address", socket.toString(), "--namespace", CRI_NAMESPACE,
          "images", "import", "--snapshotter", snapshotter, tar.toString())).orThrow().stdout();
      done.setProperty(key, digest);
      done.setProperty(key + REFS_SUFFIX, String.join(",", refs(out)));
      save(done); // after each, so a failure later does not repeat the earlier imports
      imported.add(tar);
    }
    return imported;
  }

  /**
   * The image references imported from tarballs so far (their images cannot be pulled again, so the
   * image garbage collector keeps them).
   */
  public static Set<String> importedRefs(Path record) {
    Properties done = load(record);
    Set<String> refs = new TreeSet<>();
    for (String k : done.stringPropertyNames()) {
      if (!k.endsWith(REFS_SUFFIX)) continue;
      for (String r : done.getProperty(k).split(",")) if (!r.isBlank()) refs.add(r.strip());
    }
    return refs;
  }

  /** The references {@code ctr images import} reports: lines {@code unpacking <ref> (sha256:...)...done}. */
  static List<String> refs(String ctrOutput) {
    List<String> out = new ArrayList<>();
    Matcher m = UNPACKING.matcher(ctrOutput);
    while (m.find()) out.add(m.group(1));
    return out;
  }

  static List<Path> tarballs(Path dir) {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".tar") && !p.getFileName().toString().startsWith("."))
          .filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static String digest(Path file) {
    try {
      return OciImage.sha256(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static Properties load(Path record) {
    Properties p = new Properties();
    if (Files.isRegularFile(record)) {
      try (Reader r = Files.newBufferedReader(record)) {
        p.load(r);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + record, e);
      }
    }
    return p;
  }

  private void save(Properties p) {
    try {
      Files.createDirectories(record.getParent());
      Path tmp = record.resolveSibling(record.getFileName() + ".tmp");
      try (Writer w = Files.newBufferedWriter(tmp)) {
        p.store(w, "sha256 of each image tarball at its last import into " + socket + ", and the references it holds");
      }
      Files.move(tmp, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + record, e);
    }
  }
}
