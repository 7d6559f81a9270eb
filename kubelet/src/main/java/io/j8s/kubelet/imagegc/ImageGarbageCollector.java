package io.j8s.kubelet.imagegc;

import io.j8s.base.time.Clock;
import io.j8s.kubelet.cri.CriException;
import io.j8s.kubelet.cri.CriRuntime;
import io.j8s.kubelet.cri.v1.Container;
import io.j8s.kubelet.cri.v1.Image;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs image garbage collection every {@code period} (upstream: 5 minutes) on a virtual thread:
 * lists images and containers through CRI, measures the filesystem under containerd's root, plans
 * with {@link ImageGcPlanner} and removes what the plan says. A failed removal is logged and the
 * next image is tried; the next round starts over from the runtime's state.
 */
public final class ImageGarbageCollector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ImageGarbageCollector.class);
  public static final Duration PERIOD = Duration.ofMinutes(5);

  private final CriRuntime cri;
  private final Path imageFs;
  private final Supplier<Set<String>> pinnedRefs;
  private final Clock clock;
  private final ImageGcPolicy policy;
  private final ImageTracker tracker = new ImageTracker();
  private volatile Thread loop;

  /**
   * @param imageFs    a path on the filesystem that holds the images (containerd's root)
   * @param pinnedRefs image references that must stay (imported from the agent's tarballs; asked each round)
   */
  public ImageGarbageCollector(CriRuntime cri, Path imageFs, Supplier<Set<String>> pinnedRefs, Clock clock, ImageGcPolicy policy) {
    this.cri = cri;
    this.imageFs = imageFs;
    this.pinnedRefs = pinnedRefs;
    this.clock = clock;
    this.policy = policy;
  }

  public ImageGarbageCollector start(Duration period) {
    loop = Thread.ofVirtual().name("image-gc").start(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          Thread.sleep(period);
          collect();
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException | IOException e) {
          LOG.warn("image garbage collection failed (tried again in {}): {}", period, e.toString());
        }
      }
    });
    return this;
  }

  /** One round; returns the plan it carried out. */
  public ImageGcPlan collect() throws IOException {
    List<ImageTracker.Seen> seen = cri.listImages().stream().map(ImageGarbageCollector::seen).toList();
    Set<String> inUse = new HashSet<>();
    for (Container c : cri.listContainers()) {
      if (!c.getImageRef().isEmpty()) inUse.add(c.getImageRef());
      inUse.add(c.getImage().getImage()); // some runtimes report the id here
    }
    List<ImageRecord> images = tracker.observe(seen, inUse, pinnedRefs.get(), clock.now());
    FileStore fs = Files.getFileStore(imageFs);
    ImageGcPlan plan = ImageGcPlanner.plan(images, fs.getTotalSpace(), fs.getUsableSpace(), clock.now(), policy);
    if (plan instanceof ImageGcPlan.Remove r) {
      LOG.info("image filesystem {}% used (high threshold {}%): removing {} unused image(s) to free {} bytes", r.usagePercent(),
          policy.highThresholdPercent(), r.images().size(), r.bytesToFree());
      for (ImageRecord i : r.images()) {
        try {
          cri.removeImage(i.id());
          LOG.info("removed image {} ({} bytes, last used {})", i.id(), i.sizeBytes(), i.lastUsed());
        } catch (CriException e) {
          LOG.warn("removing image {} failed: {}", i.id(), e.getMessage());
        }
      }
    }
    return plan;
  }

  static ImageTracker.Seen seen(Image i) {
    return new ImageTracker.Seen(i.getId(), i.getRepoTagsList(), i.getSize(), i.getPinned());
  }

  @Override
  public void close() {
    Thread t = loop;
    if (t != null) t.interrupt();
  }
}
