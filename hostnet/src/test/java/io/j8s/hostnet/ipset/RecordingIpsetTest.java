package io.j8s.hostnet.ipset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecordingIpsetTest extends IpsetContract {
  final RecordingIpset fake = new RecordingIpset();

  @Override Ipset ipset() {
    return fake;
  }

  @Test void aReferencedSetCannotBeDestroyed() throws Exception {
    fake.restore("create J8SIV-R bitmap:port range 0-65535\n");
    fake.reference("J8SIV-R", true);
    assertThatThrownBy(() -> fake.restore("destroy J8SIV-R\n")).hasMessageContaining("in use");
    fake.reference("J8SIV-R", false);
    fake.restore("destroy J8SIV-R\n");
    assertThat(fake.list()).isEmpty();
    assertThat(fake.scripts()).hasSize(3);
  }
}
