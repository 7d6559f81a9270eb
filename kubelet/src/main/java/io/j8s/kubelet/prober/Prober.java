package io.j8s.kubelet.prober;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.j8s.kubelet.cri.CriException;
import io.j8s.kubelet.cri.CriRuntime;
import io.j8s.kubelet.cri.ExecResult;
import io.j8s.kubelet.prober.grpc.HealthCheckRequest;
import io.j8s.kubelet.prober.grpc.HealthCheckResponse;
import io.j8s.kubelet.prober.grpc.HealthGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The real checks: exec through CRI ExecSync, and HTTP GET, TCP connect and gRPC health on the pod's IP. */
public final class Prober implements Check {
  private final CriRuntime cri;

  public Prober(CriRuntime cri) { this.cri = cri; }

  @Override
  public ProbeOutcome run(ProbeSpec spec, ProbeTarget target) {
    Duration timeout = spec.timeout();
    return switch (spec.action()) {
      case ProbeSpec.Exec e -> exec(e, target.containerId(), timeout);
      case ProbeSpec.HttpGet h -> HttpGetCheck.run(h, target.podIp(), timeout);
      case ProbeSpec.TcpSocket t -> tcp(t.host().isEmpty() ? target.podIp() : t.host(), t.port(), timeout);
      case ProbeSpec.Grpc g -> grpc(target.podIp(), g, timeout);
      case ProbeSpec.Invalid i -> ProbeOutcome.unknown(i.reason());
    };
  }

  private ProbeOutcome exec(ProbeSpec.Exec e, String containerId, Duration timeout) {
    try {
      ExecResult r = cri.execSync(containerId, e.command(), timeout);
      if (r.exitCode() == 0) return ProbeOutcome.success();
      String output = (r.stdout() + r.stderr()).strip();
      return ProbeOutcome.failure(output.isEmpty() ? "command " + e.command() + " exited with " + r.exitCode() : output);
    } catch (CriException x) {
      if (x.code() == io.grpc.Status.Code.DEADLINE_EXCEEDED) {
        return ProbeOutcome.failure("command " + e.command() + " timed out after " + timeout.toSeconds() + "s");
      }
      return ProbeOutcome.unknown(x.getMessage());
    }
  }

  static ProbeOutcome tcp(String host, int port, Duration timeout) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
      return ProbeOutcome.success();
    } catch (SocketTimeoutException x) {
      return ProbeOutcome.failure("dial tcp " + HttpGetCheck.hostPort(host, port) + ": i/o timeout");
    } catch (IOException x) {
      return ProbeOutcome.failure("dial tcp " + HttpGetCheck.hostPort(host, port) + ": " + HttpGetCheck.describe(x));
    }
  }

  static ProbeOutcome grpc(String host, ProbeSpec.Grpc g, Duration timeout) {
    String target = HttpGetCheck.hostPort(host, g.port());
    ManagedChannel channel = NettyChannelBuilder.forAddress(host, g.port()).usePlaintext().build();
    try {
      HealthCheckResponse r = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .check(HealthCheckRequest.newBuilder().setService(g.service()).build());
      if (r.getStatus() == HealthCheckResponse.ServingStatus.SERVING) return ProbeOutcome.success();
      return ProbeOutcome.failure("service unhealthy (responded with \"" + r.getStatus() + "\")");
    } catch (StatusRuntimeException x) {
      return switch (x.getStatus().getCode()) {
        case DEADLINE_EXCEEDED -> ProbeOutcome.failure("timeout: health rpc did not complete within " + timeout.toSeconds() + "s");
        case UNAVAILABLE -> ProbeOutcome.failure("failed to connect service \"" + target + "\" within " + timeout.toSeconds() + "s: "
            + x.getStatus().getDescription());
        default -> ProbeOutcome.failure("error: health rpc probe failed: " + x.getStatus());
      };
    } finally {
      channel.shutdownNow();
    }
  }
}
