package io.j8s.kubelet.cri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.j8s.kubelet.cri.v1.Container;
import io.j8s.kubelet.cri.v1.ContainerFilter;
import io.j8s.kubelet.cri.v1.ContainerMetadata;
import io.j8s.kubelet.cri.v1.ContainerStatusRequest;
import io.j8s.kubelet.cri.v1.ContainerStatusResponse;
import io.j8s.kubelet.cri.v1.ExecSyncRequest;
import io.j8s.kubelet.cri.v1.ExecSyncResponse;
import io.j8s.kubelet.cri.v1.Image;
import io.j8s.kubelet.cri.v1.ImageServiceGrpc;
import io.j8s.kubelet.cri.v1.ImageStatusRequest;
import io.j8s.kubelet.cri.v1.ImageStatusResponse;
import io.j8s.kubelet.cri.v1.ListContainersRequest;
import io.j8s.kubelet.cri.v1.ListContainersResponse;
import io.j8s.kubelet.cri.v1.PodSandboxConfig;
import io.j8s.kubelet.cri.v1.PodSandboxMetadata;
import io.j8s.kubelet.cri.v1.RunPodSandboxRequest;
import io.j8s.kubelet.cri.v1.RunPodSandboxResponse;
import io.j8s.kubelet.cri.v1.RuntimeServiceGrpc;
import io.j8s.kubelet.cri.v1.StopContainerRequest;
import io.j8s.kubelet.cri.v1.StopContainerResponse;
import io.j8s.kubelet.cri.v1.VersionRequest;
import io.j8s.kubelet.cri.v1.VersionResponse;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade against a stand-in CRI server on a Unix socket: wire names, deadlines, errors. */
class CriRuntimeTest {
  @TempDir Path dir;
  EventLoopGroup group;
  Server server;
  CriRuntime cri;
  final AtomicLong stopTimeout = new AtomicLong(-1);

  @BeforeEach
  void start() throws Exception {
    Path socket = dir.resolve("cri.sock");
    group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    server = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
        .channelType(EpollServerDomainSocketChannel.class).bossEventLoopGroup(group).workerEventLoopGroup(group)
        .addService(new FakeRuntime()).addService(new FakeImages()).build().start();
    cri = new CriRuntime(socket, new CriTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofSeconds(5)));
  }

  @AfterEach
  void stop() throws Exception {
    cri.close();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  @Test
  void versionAsksForApiV1() {
    VersionResponse v = cri.version();
    assertThat(v.getVersion()).isEqualTo("v1");
    assertThat(v.getRuntimeName()).isEqualTo("fake");
  }

  @Test
  void errorsNameTheOperationAndTheObject() {
    assertThatThrownBy(() -> cri.containerStatus("abc123")).isInstanceOfSatisfying(CriException.class, e -> {
      assertThat(e.operation()).isEqualTo("ContainerStatus");
      assertThat(e.notFound()).isTrue();
      assertThat(e.unavailable()).isFalse();
      assertThat(e).hasMessage("CRI ContainerStatus container abc123 failed: NOT_FOUND: no container abc123");
    });
  }

  @Test
  void slowCallsHitTheirDeadline() {
    PodSandboxConfig pod = PodSandboxConfig.newBuilder()
        .setMetadata(PodSandboxMetadata.newBuilder().setNamespace("ns1").setName("slow")).build();
    assertThatThrownBy(() -> cri.runPodSandbox(pod)).isInstanceOfSatisfying(CriException.class, e -> {
      assertThat(e.code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      assertThat(e.unavailable()).isTrue();
      assertThat(e).hasMessageStartingWith("CRI RunPodSandbox pod ns1/slow failed: DEADLINE_EXCEEDED");
    });
  }

  @Test
  void aMissingSocketIsUnavailable() {
    try (CriRuntime nowhere = new CriRuntime(dir.resolve("absent.sock"))) {
      assertThatThrownBy(nowhere::version).isInstanceOfSatisfying(CriException.class, e -> assertThat(e.unavailable()).isTrue());
    }
  }

  @Test
  void execSyncDecodesOutputAndCarriesTheTimeout() {
    ExecResult r = cri.execSync("c1", List.of("echo", "hi"), Duration.ofSeconds(7));
    assertThat(r).isEqualTo(new ExecResult(4, "ran echo hi for 7s in c1\n", "warn\n"));
    assertThat(r.ok()).isFalse();
  }

  @Test
  void stopContainerSendsWholeSecondsOfGrace() {
    cri.stopContainer("c1", Duration.ofMillis(2500));
    assertThat(stopTimeout.get()).isEqualTo(2);
    cri.stopContainer("c1", Duration.ofSeconds(-3));
    assertThat(stopTimeout.get()).isZero();
  }

  @Test
  void listFiltersReachTheRuntime() {
    assertThat(cri.listContainers(ContainerFilter.newBuilder().setPodSandboxId("sb9").build()))
        .singleElement().satisfies(c -> assertThat(c.getPodSandboxId()).isEqualTo("sb9"));
    assertThat(cri.listContainers()).singleElement().satisfies(c -> assertThat(c.getPodSandboxId()).isEmpty());
  }

  @Test
  void absentImagesAreEmptyNotErrors() {
    assertThat(cri.imageStatus("j8s.local/busybox:1")).map(Image::getId).contains("sha256:feed");
    assertThat(cri.imageStatus("absent:1")).isEmpty();
  }

  final class FakeRuntime extends RuntimeServiceGrpc.RuntimeServiceImplBase {
    @Override
    public void version(VersionRequest req, StreamObserver<VersionResponse> out) {
      out.onNext(VersionResponse.newBuilder().setVersion(req.getVersion()).setRuntimeName("fake").setRuntimeApiVersion("v1").build());
      out.onCompleted();
    }

    @Override
    public void containerStatus(ContainerStatusRequest req, StreamObserver<ContainerStatusResponse> out) {
      out.onError(Status.NOT_FOUND.withDescription("no container " + req.getContainerId()).asRuntimeException());
    }

    @Override
    public void runPodSandbox(RunPodSandboxRequest req, StreamObserver<RunPodSandboxResponse> out) {
      try {
        Thread.sleep(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      out.onNext(RunPodSandboxResponse.newBuilder().setPodSandboxId("late").build());
      out.onCompleted();
    }

    @Override
    public void execSync(ExecSyncRequest req, StreamObserver<ExecSyncResponse> out) {
      String ran = "ran " + String.join(" ", req.getCmdList()) + " for " + req.getTimeout() + "s in " + req.getContainerId() + "\n";
      out.onNext(ExecSyncResponse.newBuilder().setExitCode(4).setStdout(ByteString.copyFromUtf8(ran))
          .setStderr(ByteString.copyFromUtf8("warn\n")).build());
      out.onCompleted();
    }

    @Override
    public void stopContainer(StopContainerRequest req, StreamObserver<StopContainerResponse> out) {
      stopTimeout.set(req.getTimeout());
      out.onNext(StopContainerResponse.getDefaultInstance());
      out.onCompleted();
    }

    @Override
    public void listContainers(ListContainersRequest req, StreamObserver<ListContainersResponse> out) {
      out.onNext(ListContainersResponse.newBuilder().addContainers(Container.newBuilder().setId("c1")
          .setPodSandboxId(req.getFilter().getPodSandboxId()).setMetadata(ContainerMetadata.newBuilder().setName("main"))).build());
      out.onCompleted();
    }
  }

  static final class FakeImages extends ImageServiceGrpc.ImageServiceImplBase {
    @Override
    public void imageStatus(ImageStatusRequest req, StreamObserver<ImageStatusResponse> out) {
      ImageStatusResponse.Builder r = ImageStatusResponse.newBuilder();
      if (req.getImage().getImage().equals("j8s.local/busybox:1")) r.setImage(Image.newBuilder().setId("sha256:feed"));
      out.onNext(r.build());
      out.onCompleted();
    }
  }
}
