package dev.rdmaforge.image.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The apply's journal on a root the test makes: what an image build interrupted between writing
 * the depmod indexes and finishing (SIGTERM from the CI runner, kill -9 of a hung build) leaves,
 * and how it is taken back. Only file entries: their undo needs no package manager.
 */
class ApplyJournalTest {
  @TempDir Path root;

  private final RootPackageManager dpkg = RootPackageManager.of(Path.of("/nonexistent"),
      dev.rdmaforge.pkg.PackageFormat.DEB);

  @Test
  void replacedFile_isRestoredWithItsMode_andNewFileDeleted() throws IOException {
    Path dep = Files.createDirectories(root.resolve("usr/lib/modules/6.1.0-56-amd64"))
        .resolve("modules.dep");
    Files.writeString(dep, "kernel/a.ko:\n");
    Files.setPosixFilePermissions(dep, PosixFilePermissions.fromString("rw-r-----"));
    ApplyJournal j = ApplyJournal.begin(root);
    j.beforeWrite("usr/lib/modules/6.1.0-56-amd64/modules.dep");
    Files.writeString(dep, "updates/a.ko:\n");
    ImageApply.writeFile(j, root, "etc/depmod.d/zz99-rdmaforge-stack.conf", "override a * x\n");

    ApplyJournal.UndoReport undo = j.undo(dpkg);

    assertThat(Files.readString(dep)).isEqualTo("kernel/a.ko:\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dep)))
        .isEqualTo("rw-r-----");
    assertThat(root.resolve("etc/depmod.d/zz99-rdmaforge-stack.conf")).doesNotExist();
    assertThat(undo.undone()).containsExactly("deleted etc/depmod.d/zz99-rdmaforge-stack.conf",
        "restored usr/lib/modules/6.1.0-56-amd64/modules.dep");
    assertThat(undo.incomplete()).isFalse();
    assertThat(root.resolve(ApplyJournal.DIR)).doesNotExist();
  }

  @Test
  void journalOfAKilledApply_isFoundAndUndoneByTheNext() throws IOException {
    Path conf = Files.createDirectories(root.resolve("etc/modprobe.d")).resolve("mlx5.conf");
    Files.writeString(conf, "options mlx5_core num_vfs=8\n");
    ApplyJournal killed = ApplyJournal.begin(root);
    killed.beforeWrite("etc/modprobe.d/mlx5.conf");
    Files.writeString(conf, "half written");
    // The process dies here: nothing but the files on disk remain.

    ApplyJournal found = ApplyJournal.pending(root).orElseThrow();
    found.undo(dpkg);

    assertThat(Files.readString(conf)).isEqualTo("options mlx5_core num_vfs=8\n");
    assertThat(ApplyJournal.pending(root)).isEmpty();
  }

  @Test
  void afterAnUndo_nothingMoreMayChangeTheRoot() {
    ApplyJournal j = ApplyJournal.begin(root);
    j.undo(dpkg);
    // An interrupt's undo ran on another thread while the apply went on: it must stop.
    assertThatThrownBy(() -> j.beforeWrite("etc/x.conf")).isInstanceOf(ApplyFailure.class)
        .hasMessageContaining("interrupted and has been undone");
    assertThatThrownBy(() -> j.beforeInstall(Map.of("a", "1"), Map.of()))
        .isInstanceOf(ApplyFailure.class);
  }

  @Test
  void aLeftoverJournal_stopsANewOne() throws IOException {
    Files.createDirectories(root.resolve(ApplyJournal.DIR).resolve("files"));
    assertThatThrownBy(() -> ApplyJournal.begin(root)).isInstanceOf(ApplyFailure.class)
        .hasMessageContaining("could not be undone completely");
  }

  @Test
  void sameVersionReinstalled_isNothingToUndo_anUpgradeIsSaid() throws IOException {
    ApplyJournal j = ApplyJournal.begin(root);
    j.beforeInstall(Map.of("ofa-like-modules", "1.0-1", "knem-like-modules", "1.0-2"),
        Map.of("ofa-like-modules", "1.0-1", "knem-like-modules", "1.0-1"));
    String text = Files.readString(root.resolve(ApplyJournal.DIR).resolve("journal.json"));
    assertThat(text).contains("\"upgraded\":{\"knem-like-modules\":\"1.0-1\"}")
        .contains("\"new\":[]");
  }
}
