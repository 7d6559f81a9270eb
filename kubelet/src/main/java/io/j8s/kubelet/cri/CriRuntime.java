package io.j8s.kubelet.cri;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.j8s.kubelet.cri.v1.Container;
import io.j8s.kubelet.cri.v1.ContainerConfig;
import io.j8s.kubelet.cri.v1.ContainerFilter;
import io.j8s.kubelet.cri.v1.ContainerStatus;
import io.j8s.kubelet.cri.v1.ContainerStatusRequest;
import io.j8s.kubelet.cri.v1.CreateContainerRequest;
import io.j8s.kubelet.cri.v1.AttachRequest;
import io.j8s.kubelet.cri.v1.ExecRequest;
import io.j8s.kubelet.cri.v1.ExecSyncRequest;
import io.j8s.kubelet.cri.v1.PortForwardRequest;
import io.j8s.kubelet.cri.v1.ExecSyncResponse;
import io.j8s.kubelet.cri.v1.Image;
import io.j8s.kubelet.cri.v1.ImageServiceGrpc;
import io.j8s.kubelet.cri.v1.ImageServiceGrpc.ImageServiceBlockingStub;
import io.j8s.kubelet.cri.v1.ImageSpec;
import io.j8s.kubelet.cri.v1.ImageStatusRequest;
import io.j8s.kubelet.cri.v1.ImageStatusResponse;
import io.j8s.kubelet.cri.v1.ListContainersRequest;
import io.j8s.kubelet.cri.v1.ListImagesRequest;
import io.j8s.kubelet.cri.v1.ListPodSandboxRequest;
import io.j8s.kubelet.cri.v1.PodSandbox;
import io.j8s.kubelet.cri.v1.PodSandboxConfig;
import io.j8s.kubelet.cri.v1.PodSandboxFilter;
import io.j8s.kubelet.cri.v1.PodSandboxStatus;
import io.j8s.kubelet.cri.v1.PodSandboxStatusRequest;
import io.j8s.kubelet.cri.v1.PullImageRequest;
import io.j8s.kubelet.cri.v1.RemoveContainerRequest;
import io.j8s.kubelet.cri.v1.RemoveImageRequest;
import io.j8s.kubelet.cri.v1.RemovePodSandboxRequest;
import io.j8s.kubelet.cri.v1.RunPodSandboxRequest;
import io.j8s.kubelet.cri.v1.RuntimeServiceGrpc;
import io.j8s.kubelet.cri.v1.RuntimeServiceGrpc.RuntimeServiceBlockingStub;
import io.j8s.kubelet.cri.v1.RuntimeStatus;
import io.j8s.kubelet.cri.v1.StartContainerRequest;
import io.j8s.kubelet.cri.v1.StatusRequest;
import io.j8s.kubelet.cri.v1.StopContainerRequest;
import io.j8s.kubelet.cri.v1.StopPodSandboxRequest;
import io.j8s.kubelet.cri.v1.VersionRequest;
import io.j8s.kubelet.cri.v1.VersionResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The kubelet's view of a CRI runtime: one method per RPC j8s uses, plain Java arguments where
 * that reads better, every call under a deadline, failures as {@link CriException} naming the RPC
 * and the object. Thread-safe; one instance per runtime socket.
 */
public final class CriRuntime implements AutoCloseable {
  /** The CRI API version this client speaks. */
  public static final String API_VERSION = "v1";

  private final CriChannel channel;
  private final CriTimeouts timeouts;
  private final RuntimeServiceBlockingStub runtime;
  private final ImageServiceBlockingStub images;
  private final CriOperations operations = new CriOperations();

  public CriRuntime(Path socket) { this(socket, CriTimeouts.DEFAULT); }

  public CriRuntime(Path socket, CriTimeouts timeouts) {
    this.channel = new CriChannel(socket);
    this.timeouts = timeouts;
    this.runtime = RuntimeServiceGrpc.newBlockingStub(channel.channel());
    this.images = ImageServiceGrpc.newBlockingStub(channel.channel());
  }

  public Path socket() { return channel.socket(); }

  // ---- runtime ----

  public VersionResponse version() {
    return rt("Version", "", timeouts.call(), s -> s.version(VersionRequest.newBuilder().setVersion(API_VERSION).build()));
  }

  /** The runtime's conditions (RuntimeReady, NetworkReady). */
  public RuntimeStatus status() {
    return rt("Status", "", timeouts.call(), s -> s.status(StatusRequest.getDefaultInstance())).getStatus();
  }

  // ---- pod sandboxes ----

  /** Creates and starts a sandbox (network namespace, CNI, pause container); returns its id. */
  public String runPodSandbox(PodSandboxConfig config) {
    return rt("RunPodSandbox", podName(config), timeouts.create(),
        s -> s.runPodSandbox(RunPodSandboxRequest.newBuilder().setConfig(config).build())).getPodSandboxId();
  }

  /** Stops the sandbox's containers and frees its network; idempotent. */
  public void stopPodSandbox(String id) {
    rt("StopPodSandbox", "sandbox " + id, timeouts.create(),
        s -> s.stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(id).build()));
  }

  /** Removes a sandbox and its containers; idempotent. */
  public void removePodSandbox(String id) {
    rt("RemovePodSandbox", "sandbox " + id, timeouts.create(),
        s -> s.removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(id).build()));
  }

  public PodSandboxStatus podSandboxStatus(String id) {
    return rt("PodSandboxStatus", "sandbox " + id, timeouts.call(),
        s -> s.podSandboxStatus(PodSandboxStatusRequest.newBuilder().setPodSandboxId(id).build())).getStatus();
  }

  public List<PodSandbox> listPodSandbox() { return listPodSandbox(PodSandboxFilter.getDefaultInstance()); }

  public List<PodSandbox> listPodSandbox(PodSandboxFilter filter) {
    return rt("ListPodSandbox", "", timeouts.call(),
        s -> s.listPodSandbox(ListPodSandboxRequest.newBuilder().setFilter(filter).build())).getItemsList();
  }

  /** Stops and removes every sandbox (and so every container) this runtime has: a node reset. */
  public void removeAllPodSandboxes() {
    for (PodSandbox s : listPodSandbox()) {
      stopPodSandbox(s.getId());
      removePodSandbox(s.getId());
    }
  }

  // ---- containers ----

  /** Creates a container in a sandbox; {@code sandboxConfig} is the config the sandbox was run with. */
  public String createContainer(String sandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig) {
    String object = "container " + config.getMetadata().getName() + " in " + podName(sandboxConfig);
    return rt("CreateContainer", object, timeouts.create(), s -> s.createContainer(CreateContainerRequest.newBuilder()
        .setPodSandboxId(sandboxId).setConfig(config).setSandboxConfig(sandboxConfig).build())).getContainerId();
  }

  public void startContainer(String id) {
    rt("StartContainer", "container " + id, timeouts.create(),
        s -> s.startContainer(StartContainerRequest.newBuilder().setContainerId(id).build()));
  }

  /** Sends the stop signal, waits up to {@code grace} (whole seconds), then kills; idempotent. */
  public void stopContainer(String id, Duration grace) {
    long seconds = Math.max(0, grace.toSeconds());
    rt("StopContainer", "container " + id, timeouts.call().plusSeconds(seconds),
        s -> s.stopContainer(StopContainerRequest.newBuilder().setContainerId(id).setTimeout(seconds).build()));
  }

  /** Removes a container (killing it if it runs); idempotent. */
  public void removeContainer(String id) {
    rt("RemoveContainer", "container " + id, timeouts.call(),
        s -> s.removeContainer(RemoveContainerRequest.newBuilder().setContainerId(id).build()));
  }

  public List<Container> listContainers() { return listContainers(ContainerFilter.getDefaultInstance()); }

  public List<Container> listContainers(ContainerFilter filter) {
    return rt("ListContainers", "", timeouts.call(),
        s -> s.listContainers(ListContainersRequest.newBuilder().setFilter(filter).build())).getContainersList();
  }

  public ContainerStatus containerStatus(String id) {
    return rt("ContainerStatus", "container " + id, timeouts.call(),
        s -> s.containerStatus(ContainerStatusRequest.newBuilder().setContainerId(id).build())).getStatus();
  }

  /** Runs {@code cmd} in the container and waits for it, killing it after {@code timeout}. */
  public ExecResult execSync(String id, List<String> cmd, Duration timeout) {
    long seconds = Math.max(1, timeout.toSeconds());
    ExecSyncResponse r = rt("ExecSync", "`" + String.join(" ", cmd) + "` in container " + id,
        timeouts.call().plusSeconds(seconds),
        s -> s.execSync(ExecSyncRequest.newBuilder().setContainerId(id).addAllCmd(cmd).setTimeout(seconds).build()));
    return new ExecResult(r.getExitCode(), r.getStdout().toString(StandardCharsets.UTF_8),
        r.getStderr().toString(StandardCharsets.UTF_8));
  }

  // ---- streaming: each returns a one-use URL on the runtime's streaming server ----

  /** Prepares a streaming exec of {@code cmd} in the container; the client connects to the returned URL. */
  public String exec(String id, List<String> cmd, boolean tty, boolean stdin, boolean stdout, boolean stderr) {
    return rt("Exec", "`" + String.join(" ", cmd) + "` in container " + id, timeouts.call(), s -> s.exec(
        ExecRequest.newBuilder().setContainerId(id).addAllCmd(cmd).setTty(tty).setStdin(stdin).setStdout(stdout)
            .setStderr(stderr).build())).getUrl();
  }

  /** Prepares a streaming attach to the container's main process. */
  public String attach(String id, boolean tty, boolean stdin, boolean stdout, boolean stderr) {
    return rt("Attach", "container " + id, timeouts.call(), s -> s.attach(AttachRequest.newBuilder().setContainerId(id)
        .setTty(tty).setStdin(stdin).setStdout(stdout).setStderr(stderr).build())).getUrl();
  }

  /** Prepares a port forward into the sandbox's network namespace (ports named by the client later). */
  public String portForward(String sandboxId, List<Integer> ports) {
    return rt("PortForward", "sandbox " + sandboxId, timeouts.call(),
        s -> s.portForward(PortForwardRequest.newBuilder().setPodSandboxId(sandboxId).addAllPort(ports).build())).getUrl();
  }

  // ---- stats ----

  /** Resource use of every container (CPU, memory, writable layer). */
  public List<io.j8s.kubelet.cri.v1.ContainerStats> listContainerStats() {
    return rt("ListContainerStats", "", timeouts.call(), s -> s.listContainerStats(
        io.j8s.kubelet.cri.v1.ListContainerStatsRequest.getDefaultInstance())).getStatsList();
  }

  /** Resource use of every sandbox (the pod's cgroup, network, processes). */
  public List<io.j8s.kubelet.cri.v1.PodSandboxStats> listPodSandboxStats() {
    return rt("ListPodSandboxStats", "", timeouts.call(), s -> s.listPodSandboxStats(
        io.j8s.kubelet.cri.v1.ListPodSandboxStatsRequest.getDefaultInstance())).getStatsList();
  }

  /** The image filesystems' use. */
  public List<io.j8s.kubelet.cri.v1.FilesystemUsage> imageFsInfo() {
    return img("ImageFsInfo", "", timeouts.call(), s -> s.imageFsInfo(io.j8s.kubelet.cri.v1.ImageFsInfoRequest.getDefaultInstance()))
        .getImageFilesystemsList();
  }

  /** Counts and durations of the calls made through this client, by RPC. */
  public CriOperations operations() { return operations; }

  // ---- images ----

  public List<Image> listImages() {
    return img("ListImages", "", timeouts.call(), s -> s.listImages(ListImagesRequest.getDefaultInstance())).getImagesList();
  }

  /** The image if the runtime has it (by name, id or digest), else empty. */
  public Optional<Image> imageStatus(String image) {
    ImageStatusResponse r = img("ImageStatus", "image " + image, timeouts.call(),
        s -> s.imageStatus(ImageStatusRequest.newBuilder().setImage(spec(image)).build()));
    return r.hasImage() ? Optional.of(r.getImage()) : Optional.empty();
  }

  /** Pulls an image; returns its reference (image id). */
  public String pullImage(PullImageRequest request) {
    return img("PullImage", "image " + request.getImage().getImage(), timeouts.pull(), s -> s.pullImage(request)).getImageRef();
  }

  public String pullImage(String image) { return pullImage(PullImageRequest.newBuilder().setImage(spec(image)).build()); }

  /** Removes an image; idempotent. */
  public void removeImage(String image) {
    img("RemoveImage", "image " + image, timeouts.call(),
        s -> s.removeImage(RemoveImageRequest.newBuilder().setImage(spec(image)).build()));
  }

  @Override
  public void close() { channel.close(); }

  // ---- plumbing ----

  private static ImageSpec spec(String image) { return ImageSpec.newBuilder().setImage(image).build(); }

  private static String podName(PodSandboxConfig c) {
    return "pod " + c.getMetadata().getNamespace() + "/" + c.getMetadata().getName();
  }

  private <T> T rt(String op, String object, Duration deadline, Function<RuntimeServiceBlockingStub, T> call) {
    return invoke(op, object, () -> call.apply(runtime.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)));
  }

  private <T> T img(String op, String object, Duration deadline, Function<ImageServiceBlockingStub, T> call) {
    return invoke(op, object, () -> call.apply(images.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)));
  }

  private <T> T invoke(String op, String object, java.util.function.Supplier<T> call) {
    long t0 = System.nanoTime();
    try {
      T r = call.get();
      operations.record(op, System.nanoTime() - t0, false);
      return r;
    } catch (StatusRuntimeException e) {
      operations.record(op, System.nanoTime() - t0, true);
      Status status = e.getStatus();
      // after a runtime restart, dial again on the next call rather than after gRPC's back-off
      if (status.getCode() == Status.Code.UNAVAILABLE) channel.redialNow();
      throw new CriException(op, object, status, e);
    }
  }
}
