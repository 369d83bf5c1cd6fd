package dev.rdmaforge.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MLNX_OFED_LINUX-VER-DISTRO-ARCH.tgz as Mellanox ships it (a top directory, MLNX_LIBS linking
 * COMMON packages), and hostile archives that would write outside the directory.
 */
class BundleArchivesTest {
  @TempDir Path dir;

  /** Builds a .tgz from (name, kind, content-or-target) triples: f file, d dir, l link, h hard. */
  private Path tgz(String... entries) throws IOException {
    Path file = dir.resolve("bundle.tgz");
    try (OutputStream out = Files.newOutputStream(file);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(
            new GzipCompressorOutputStream(out))) {
      for (int i = 0; i < entries.length; i += 3) {
        String name = entries[i];
        String kind = entries[i + 1];
        String value = entries[i + 2];
        TarArchiveEntry e;
        switch (kind) {
          case "d" -> e = new TarArchiveEntry(name + "/");
          case "l" -> {
            e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
            e.setLinkName(value);
          }
          case "h" -> {
            e = new TarArchiveEntry(name, TarArchiveEntry.LF_LINK);
            e.setLinkName(value);
          }
          default -> {
            e = new TarArchiveEntry(name);
            e.setSize(value.getBytes(StandardCharsets.UTF_8).length);
            e.setMode(0100644);
          }
        }
        tar.putArchiveEntry(e);
        if (kind.equals("f")) {
          tar.write(value.getBytes(StandardCharsets.UTF_8));
        }
        tar.closeArchiveEntry();
      }
    }
    return file;
  }

  @Test
  void unpack_shippedLayout_returnsTheTopDirectoryWithLinksKept() throws IOException {
    Path file = tgz(
        "MLNX_OFED_LINUX-5.8/", "d", "",
        "MLNX_OFED_LINUX-5.8/.mlnx", "f", "5.8-rdmaforge\n",
        "MLNX_OFED_LINUX-5.8/RPMS/COMMON/ofa-like.rpm", "f", "rpm",
        "MLNX_OFED_LINUX-5.8/RPMS/MLNX_LIBS/ofa-like.rpm", "l", "../COMMON/ofa-like.rpm",
        "MLNX_OFED_LINUX-5.8/mlnx", "h", "MLNX_OFED_LINUX-5.8/.mlnx");

    Path bundle = BundleArchives.unpack(file, dir.resolve("out"));

    assertThat(bundle).isEqualTo(dir.resolve("out/MLNX_OFED_LINUX-5.8"));
    assertThat(Files.readString(bundle.resolve("RPMS/MLNX_LIBS/ofa-like.rpm"))).isEqualTo("rpm");
    assertThat(Files.isSymbolicLink(bundle.resolve("RPMS/MLNX_LIBS/ofa-like.rpm"))).isTrue();
    assertThat(Files.readString(bundle.resolve("mlnx"))).isEqualTo("5.8-rdmaforge\n");
  }

  @Test
  void unpack_dotDotName_refusedBeforeWriting() throws IOException {
    Path file = tgz("b/.mlnx", "f", "1", "b/../../evil", "f", "x");

    assertThatThrownBy(() -> BundleArchives.unpack(file, dir.resolve("out")))
        .isInstanceOf(UserInputException.class)
        .hasMessage(file + "!b/../../evil: refused: a '..' component, which would climb out of"
            + " the directory; the archive is damaged or hostile: get the bundle again from its"
            + " vendor");
    assertThat(dir.resolve("evil")).doesNotExist();
  }

  @Test
  void unpack_absoluteLink_refused() throws IOException {
    Path file = tgz("b/.mlnx", "f", "1", "b/RPMS/x.rpm", "l", "/etc/passwd");

    assertThatThrownBy(() -> BundleArchives.unpack(file, dir.resolve("out")))
        .hasMessageContaining("b/RPMS/x.rpm: refused: a symbolic link to the absolute path"
            + " '/etc/passwd'");
  }

  @Test
  void unpack_writeThroughALink_refused() throws IOException {
    Files.createDirectories(dir.resolve("victim"));
    Path file = tgz("b/.mlnx", "f", "1", "b/RPMS", "l", ".", "b/RPMS/x.rpm", "f", "x");

    assertThatThrownBy(() -> BundleArchives.unpack(file, dir.resolve("out")))
        .hasMessageContaining("b/RPMS/x.rpm: refused: its way passes the symbolic link 'b/RPMS'");
  }

  @Test
  void unpack_chainOfLinksLeavingTheDirectory_refusedAndRemoved() throws IOException {
    // Each link alone stays inside; followed together they climb out.
    Path file = tgz("b/.mlnx", "f", "1", "b/c/d", "d", "", "b/c/up", "l", "d/../..",
        "b/c/d/x", "l", "../up/../..");

    assertThatThrownBy(() -> BundleArchives.unpack(file, dir.resolve("out")))
        .hasMessageContaining("refused: a symbolic link that, followed through other links,"
            + " leads to");
  }

  @Test
  void unpack_notABundle_saysWhatABundleHas() throws IOException {
    Path file = tgz("x/readme", "f", "hi");

    assertThatThrownBy(() -> BundleArchives.unpack(file, dir.resolve("out")))
        .hasMessageContaining("not an MLNX_OFED bundle");
  }
}
