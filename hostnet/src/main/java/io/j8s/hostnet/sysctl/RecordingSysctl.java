package io.j8s.hostnet.sysctl;

import io.j8s.hostnet.HostnetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An in-memory {@link Sysctl}: unknown keys fail as the kernel's do; every write is recorded. */
public final class RecordingSysctl implements Sysctl {
  private final Map<String, String> values = new TreeMap<>();
  private final List<String> writes = new ArrayList<>();

  public synchronized RecordingSysctl with(String key, String value) {
    values.put(key, value);
    return this;
  }

  @Override public synchronized String get(String key) throws HostnetException {
    String v = values.get(key);
    if (v == null) throw new HostnetException("sysctl: cannot stat /proc/sys/" + key.replace('.', '/') + ": No such file or directory");
    return v;
  }

  @Override public synchronized void set(String key, String value) throws HostnetException {
    get(key);
    values.put(key, value);
    writes.add(key + "=" + value);
  }

  public synchronized List<String> writes() { return List.copyOf(writes); }
}
