package dev.rdmaforge.testkit.judge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GuestMemoryTest {

  @Test
  @DisplayName("one mlx5 stack (~30 MiB with the tools) gets 256 MiB; fifteen stacks get more")
  void mebibytes_scalesWithContent() {
    assertThat(GuestMemory.mebibytes(new NewcArchive.Stats(50, 30L << 20))).isEqualTo(256);
    assertThat(GuestMemory.mebibytes(new NewcArchive.Stats(50, 33L << 20))).isEqualTo(320);
    assertThat(GuestMemory.mebibytes(new NewcArchive.Stats(500, 200L << 20))).isEqualTo(960);
  }
}
