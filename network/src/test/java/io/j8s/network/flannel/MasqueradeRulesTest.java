package io.j8s.network.flannel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MasqueradeRulesTest {
  @Test void podTrafficInsideTheClusterIsReturnedAndLeavingItIsMasqueraded() {
    MasqueradeRules m = new MasqueradeRules("10.42.0.0/16", "10.42.3.0/24");
    assertThat(m.restorePayload()).isEqualTo("""
        *nat
        :J8S-FLANNEL-POSTRTG - [0:0]
        -A J8S-FLANNEL-POSTRTG -m mark --mark 0x4000/0x4000 -m comment --comment "j8s pod network masquerade" -j RETURN
        -A J8S-FLANNEL-POSTRTG -s 10.42.3.0/24 -d 10.42.0.0/16 -m comment --comment "j8s pod network masquerade" -j RETURN
        -A J8S-FLANNEL-POSTRTG -s 10.42.0.0/16 -d 10.42.3.0/24 -m comment --comment "j8s pod network masquerade" -j RETURN
        -A J8S-FLANNEL-POSTRTG ! -s 10.42.0.0/16 -d 10.42.3.0/24 -m comment --comment "j8s pod network masquerade" -j RETURN
        -A J8S-FLANNEL-POSTRTG -s 10.42.0.0/16 ! -d 224.0.0.0/4 -m comment --comment "j8s pod network masquerade" -j MASQUERADE --random-fully
        -A J8S-FLANNEL-POSTRTG ! -s 10.42.0.0/16 -d 10.42.0.0/16 -m comment --comment "j8s pod network masquerade" -j MASQUERADE --random-fully
        COMMIT
        """);
    assertThat(m.jump()).containsExactly("-m", "comment", "--comment", "j8s pod network masquerade", "-j", "J8S-FLANNEL-POSTRTG");
  }

  @Test void cidrsAreNormalised() {
    assertThat(new MasqueradeRules("10.42.1.1/16", "10.42.3.9/24")).isEqualTo(new MasqueradeRules("10.42.0.0/16", "10.42.3.0/24"));
  }
}
