package dev.rdmaforge.testkit.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The guest's serial log, as 6.1.0-56 wrote it under QEMU with module.sig_enforce=1. */
class SerialTranscriptTest {

  private static final String LOG =
      String.join(
          "\r\n",
          "=== INIT 2.65 0.00",
          "=== TARGET 0 mlx5_ib",
          "insmod /s0/lib/modules/6.1.0-56-amd64/kernel/drivers/infiniband/core/ib_core.ko ",
          "insmod /s0/lib/modules/6.1.0-56-amd64/kernel/drivers/infiniband/hw/mlx5/mlx5_ib.ko ",
          "=== RC 0",
          "=== KMSG",
          "=== STATE",
          "initstate=live",
          "taint=",
          "=== END",
          "=== LEFT 0 ",
          "=== TARGET 1 ib_core",
          "insmod /s1/lib/modules/6.1.0-56-amd64/updates/ib_core.ko ",
          "modprobe: ERROR: could not insert 'ib_core': Key was rejected by service",
          "=== RC 1",
          "=== KMSG",
          "[    4.504939] Loading of module with unavailable key is rejected",
          "=== STATE",
          "initstate=",
          "taint=",
          "=== END",
          "=== TARGET 1 unix",
          "=== RC 0",
          "=== KMSG",
          "=== STATE",
          "initstate=",
          "taint=",
          "builtin unix",
          "=== END",
          "=== LEFT 1 ib_uverbs ib_core ",
          "=== DONE 4.73 0.19",
          "[    4.717755] reboot: Power down",
          "");

  @Test
  @DisplayName("records per target, kernel time stamps removed, leftovers per scenario")
  void parse_finishedBoot_recordsEachTarget() {
    SerialTranscript transcript = SerialTranscript.parse(LOG);

    assertThat(transcript.runs()).hasSize(3);
    TargetRun first = transcript.runs().get(0);
    assertThat(first.scenarioIndex()).isZero();
    assertThat(first.exitCode()).isZero();
    assertThat(first.initstate()).isEqualTo("live");
    assertThat(first.insmods())
        .containsExactly(
            "/s0/lib/modules/6.1.0-56-amd64/kernel/drivers/infiniband/core/ib_core.ko",
            "/s0/lib/modules/6.1.0-56-amd64/kernel/drivers/infiniband/hw/mlx5/mlx5_ib.ko");
    TargetRun second = transcript.runs().get(1);
    assertThat(second.exitCode()).isEqualTo(1);
    assertThat(second.kmsg()).containsExactly("Loading of module with unavailable key is rejected");
    assertThat(second.modprobeOutput()).hasSize(2);
    assertThat(transcript.runs().get(2).builtin()).isTrue();
    assertThat(transcript.leftAfter(0)).isEmpty();
    assertThat(transcript.leftAfter(1)).containsExactly("ib_uverbs", "ib_core");
  }

  @Test
  @DisplayName("a kernel panic before the end: no verdicts, the log's tail in the message")
  void parse_noDone_throwsWithTail() {
    String panicked =
        "=== INIT 2.1 0.00\n=== TARGET 0 mlx5_ib\n"
            + "[    3.1] Kernel panic - not syncing: System is deadlocked on memory\n";

    assertThatThrownBy(() -> SerialTranscript.parse(panicked))
        .isInstanceOf(GuestFailure.class)
        .hasMessageContaining("no '=== DONE'")
        .hasMessageContaining("System is deadlocked on memory");
  }

  @Test
  @DisplayName("a guest short of memory (28 MB archive in 128 MiB) runs /init with files missing")
  void parse_unpackingFailed_throwsEvenWithDone() {
    String partial =
        "[    2.617953] Initramfs unpacking failed: write error\n"
            + "mount: mounting sysfs on /sys failed: No such file or directory\n"
            + "=== INIT 2.9 0.00\n=== DONE 3.5 0.00\n";

    assertThatThrownBy(() -> SerialTranscript.parse(partial))
        .isInstanceOf(GuestFailure.class)
        .hasMessageContaining("did not fit into the guest's memory");
  }
}
