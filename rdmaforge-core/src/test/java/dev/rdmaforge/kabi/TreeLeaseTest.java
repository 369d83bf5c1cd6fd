package dev.rdmaforge.kabi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cells' files put into a cached kernel tree and taken out again: the cached tree must be the
 * kernel package's again afterwards, also after a run that died half-way (a killed CI job).
 */
class TreeLeaseTest {
  @TempDir Path entry;

  @Test
  void addedFilesGoAndReplacedOnesComeBack() throws Exception {
    Path kernelFile = Files.createDirectories(entry.resolve("root/lib/modules/k/kernel"))
        .resolve("ib_core.ko");
    Files.writeString(kernelFile, "in-tree");
    Path vendor = Files.writeString(entry.resolve("vendor.ko"), "vendor");
    try (TreeLease lease = TreeLease.acquire(entry)) {
      lease.add("lib/modules/k/weak-updates/ofed/mlx5_ib.ko", vendor);
      lease.add("lib/modules/k/kernel/ib_core.ko", vendor);
      assertThat(lease.root().resolve("lib/modules/k/weak-updates/ofed/mlx5_ib.ko"))
          .hasContent("vendor");
      assertThat(kernelFile).hasContent("vendor");
    }
    assertThat(kernelFile).hasContent("in-tree");
    assertThat(entry.resolve("root/lib/modules/k/weak-updates")).doesNotExist();
    assertThat(entry.resolve("journal")).doesNotExist();
    assertThat(vendor).hasContent("vendor");
  }

  @Test
  void theNextLeaseUndoesWhatADeadRunLeft() throws Exception {
    Path modules = Files.createDirectories(entry.resolve("root/lib/modules/k"));
    Files.createDirectories(modules.resolve("extra"));
    Files.writeString(modules.resolve("extra/left.ko"), "left over");
    Files.writeString(entry.resolve("journal"),
        "D lib/modules/k/extra\nF lib/modules/k/extra/left.ko\n", StandardCharsets.UTF_8);
    try (TreeLease lease = TreeLease.acquire(entry)) {
      assertThat(lease.root().resolve("lib/modules/k/extra")).doesNotExist();
    }
    assertThat(modules).exists();
  }
}
