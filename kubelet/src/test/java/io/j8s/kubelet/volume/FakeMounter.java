package io.j8s.kubelet.volume;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records tmpfs mounts instead of making them; can be told to refuse. */
final class FakeMounter implements Mounter {
  final Map<Path, Long> mounted = new LinkedHashMap<>();
  final List<String> calls = new ArrayList<>();
  boolean refuse;

  @Override
  public void mountTmpfs(Path dir, long sizeBytes) throws IOException {
    calls.add("mount " + dir.getFileName() + " " + sizeBytes);
    if (refuse) throw new IOException("mount: only root can do that");
    mounted.put(dir.toAbsolutePath().normalize(), sizeBytes);
  }

  @Override
  public void unmount(Path dir) throws IOException {
    calls.add("umount " + dir.getFileName());
    if (mounted.remove(dir) == null) throw new IOException("not mounted: " + dir);
  }

  @Override
  public List<Path> mountsUnder(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    return mounted.keySet().stream().filter(p -> p.startsWith(abs))
        .sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList();
  }
}
