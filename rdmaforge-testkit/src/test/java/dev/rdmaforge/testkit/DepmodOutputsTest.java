package dev.rdmaforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DepmodOutputsTest {

  @TempDir Path dir;

  @Test
  void compare_sameFiles_isIdentical() throws IOException {
    Path real = write("real/modules.dep", "a.ko:\n");
    Path ours = write("ours/modules.dep", "a.ko:\n");

    OutputComparison comparison = DepmodOutputs.compare(real.getParent(), ours.getParent());

    assertThat(comparison.identical()).as(comparison.report()).isTrue();
  }

  @Test
  @DisplayName("a dependency list in another order: the report shows the first differing line")
  void compare_textFileDiffers_reportsLineWithContext() throws IOException {
    Path real = write("real/modules.dep", "a.ko:\nb.ko: a.ko\nc.ko: b.ko a.ko\nd.ko:\n");
    Path ours = write("ours/modules.dep", "a.ko:\nb.ko: a.ko\nc.ko: a.ko b.ko\nd.ko:\n");

    OutputComparison comparison = DepmodOutputs.compare(real.getParent(), ours.getParent());

    assertThat(comparison.identical()).isFalse();
    assertThat(comparison.report())
        .contains("modules.dep: differs at byte 23")
        .contains("first differing line 3")
        .contains("2  b.ko: a.ko")
        .contains("real: 3  c.ko: b.ko a.ko")
        .contains("ours: 3  c.ko: a.ko b.ko");
  }

  @Test
  @DisplayName("an index with one byte off: the report shows hex around the offset")
  void compare_binaryFileDiffers_reportsHexAtOffset() throws IOException {
    Path real = dir.resolve("real/modules.dep.bin");
    Path ours = dir.resolve("ours/modules.dep.bin");
    Files.createDirectories(real.getParent());
    Files.createDirectories(ours.getParent());
    Files.write(real, new byte[] {(byte) 0xb0, 0x07, (byte) 0xf4, 0x57, 0, 2, 0, 1});
    Files.write(ours, new byte[] {(byte) 0xb0, 0x07, (byte) 0xf4, 0x57, 0, 2, 0, 2});

    OutputComparison comparison = DepmodOutputs.compare(real.getParent(), ours.getParent());

    assertThat(comparison.report())
        .contains("modules.dep.bin: differs at byte 7")
        .contains("real: @0: b0 07 f4 57 00 02 00 [01]")
        .contains("ours: @0: b0 07 f4 57 00 02 00 [02]");
  }

  @Test
  void compare_missingAndExtraFiles_areReported() throws IOException {
    Path real = write("real/modules.devname", "# Device nodes\n");
    Path ours = write("ours/modules.dep.12345.1.2", "");

    OutputComparison comparison = DepmodOutputs.compare(real.getParent(), ours.getParent());

    assertThat(comparison.differences())
        .containsExactly(
            "modules.dep.12345.1.2: written by ours, not by real depmod",
            "modules.devname: written by real depmod, missing from ours");
  }

  @Test
  @DisplayName("moveNewFiles takes a run's outputs and leaves the kernel's own files")
  void moveNewFiles_afterRun_movesOnlyNewFiles() throws IOException {
    Path modulesDir = write("tree/modules.order", "kernel/a.ko\n").getParent();
    Set<String> before = DepmodOutputs.topLevelFiles(modulesDir);
    write("tree/modules.dep", "kernel/a.ko:\n");

    DepmodOutputs.moveNewFiles(modulesDir, before, dir.resolve("saved"));

    assertThat(DepmodOutputs.topLevelFiles(modulesDir)).containsExactly("modules.order");
    assertThat(DepmodOutputs.topLevelFiles(dir.resolve("saved"))).containsExactly("modules.dep");
  }

  private Path write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }
}
