package io.j8s.kubelet.volume;

import io.j8s.base.process.ProcessResult;
import io.j8s.base.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Mounts with the host's {@code mount}/{@code umount} (needs root) and reads the mount table from
 * {@code /proc/self/mountinfo} (mount points are field 5, with spaces and the like escaped as octal).
 */
public final class CommandMounter implements Mounter {
  private final ProcessRunner runner;
  private final Path mountinfo;

  public CommandMounter(ProcessRunner runner) {
    this(runner, Path.of("/proc/self/mountinfo"));
  }

  CommandMounter(ProcessRunner runner, Path mountinfo) {
    this.runner = runner;
    this.mountinfo = mountinfo;
  }

  @Override
  public void mountTmpfs(Path dir, long sizeBytes) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("mount", "-t", "tmpfs"));
    if (sizeBytes > 0) cmd.addAll(List.of("-o", "size=" + sizeBytes));
    cmd.addAll(List.of("tmpfs", dir.toString()));
    check(runner.run(cmd));
  }

  @Override
  public void unmount(Path dir) throws IOException {
    check(runner.run("umount", dir.toString()));
  }

  @Override
  public List<Path> mountsUnder(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    List<Path> out = new ArrayList<>();
    for (Path p : parse(Files.readAllLines(mountinfo))) if (p.startsWith(abs)) out.add(p);
    out.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    return out.stream().distinct().toList();
  }

  /** The mount points of a mountinfo text. */
  static List<Path> parse(List<String> lines) {
    List<Path> out = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.split(" ");
      if (f.length > 4) out.add(Path.of(unescape(f[4])));
    }
    return out;
  }

  static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).chars().allMatch(x -> x >= '0' && x <= '7')) {
        b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static void check(ProcessResult r) throws IOException {
    if (r.exitCode() != 0) {
      throw new IOException("`" + String.join(" ", r.command()) + "` failed (exit " + r.exitCode() + "): " + r.stderr().strip());
    }
  }
}
