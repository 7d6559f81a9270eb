package io.j8s.hostnet.ipvs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The fake against the contract, its log and its save output. */
class RecordingIpvsTest extends IpvsContract {
  final RecordingIpvs fake = new RecordingIpvs();

  @Override Ipvs ipvs() {
    return fake;
  }

  @Test void recordsAndSaves() throws Exception {
    fake.apply(List.of(new IpvsOp.AddService(WEB), new IpvsOp.AddServer(WEB, A)));
    assertThat(fake.applied()).containsExactly(new IpvsOp.AddService(WEB), new IpvsOp.AddServer(WEB, A));
    assertThat(fake.save()).isEqualTo("-A -t 10.88.210.10:80 -s rr\n-a -t 10.88.210.10:80 -r 10.88.211.2:8080 -m -w 1\n");
    fake.failNextApply("boom");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> fake.apply(List.of(new IpvsOp.DeleteService(WEB)))).hasMessage("boom");
    assertThat(fake.read().services()).hasSize(1);
  }
}
