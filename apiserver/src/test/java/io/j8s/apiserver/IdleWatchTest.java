package io.j8s.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.testkit.server.RunningServer;
import io.j8s.testkit.server.WithJ8sServer;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Idle watches cost nothing. A watch that did not ask for bookmarks once spun on its queue after
 * the bookmark interval, and a thousand of them starved the server of CPU.
 */
@Tag("integration")
@WithJ8sServer
class IdleWatchTest {
  static final String CMS = "/api/v1/namespaces/default/configmaps";

  @Test
  void idleWatchesWithoutBookmarksUseNoCpuAndStillDeliver(RunningServer server) throws Exception {
    RawApi api = new RawApi(server.url(), server.dataDir());
    assertThat(api.send("POST", CMS, "application/json", "{\"metadata\":{\"name\":\"idle\"},\"data\":{\"n\":\"0\"}}").code())
        .isEqualTo(201);
    String rv = api.get(CMS + "/idle").json().path("metadata").path("resourceVersion").asText();
    List<Iterator<String>> watches = new ArrayList<>();
    for (int i = 0; i < 4; i++) watches.add(api.stream(CMS + "?watch=true&fieldSelector=metadata.name%3Didle&resourceVersion=" + rv));

    Thread.sleep(17_000); // past the bookmark interval (Watches.BOOKMARK_MILLIS, 15 s)
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    Thread.sleep(3_000);
    long cpuMillis = (os.getProcessCpuTime() - cpu0) / 1_000_000;
    assertThat(cpuMillis).as("CPU used by the server with 4 idle watches over 3 s").isLessThan(1_000);

    assertThat(api.send("PATCH", CMS + "/idle", "application/merge-patch+json", "{\"data\":{\"n\":\"1\"}}").code()).isEqualTo(200);
    for (Iterator<String> w : watches) {
      String line = CompletableFuture.supplyAsync(w::next).get(10, TimeUnit.SECONDS);
      assertThat(line).contains("\"type\":\"MODIFIED\"").contains("\"n\":\"1\"");
    }
  }
}
