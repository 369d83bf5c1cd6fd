package dev.rdmaforge.fabric.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing is lost: how rendered files reach the output directory, new or existing. */
class RenderWriterTest {
  /** Three nodes with files in nested directories, as a small fabric renders them. */
  private static List<RenderedFile> fabric(String mtu) {
    List<RenderedFile> files = new ArrayList<>();
    for (String node : List.of("node001", "node002", "node003")) {
      files.add(new RenderedFile(node, "/etc/sysconfig/network-scripts/ifcfg-ib0",
          "DEVICE=ib0\nMTU=" + mtu + "\n"));
      files.add(new RenderedFile(node, "/etc/neutron/plugins/ml2/linuxbridge_agent.ini",
          "[linux_bridge]\nphysical_interface_mappings = phyflatnet:br0\n"));
      files.add(new RenderedFile(node, "/etc/modprobe.d/mlx4_core.conf",
          "options mlx4_core num_vfs=16\n"));
    }
    files.add(new RenderedFile(RenderedFile.IMAGE_NODE, "/overcloud-images-rdmaforge.yaml",
        "disk_images: []\n"));
    return files;
  }

  private static List<Path> everything(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.toList();
    }
  }

  private static void assertHolds(Path out, List<RenderedFile> files) throws IOException {
    for (RenderedFile f : files) {
      assertThat(out.resolve(f.relativePath())).hasContent(f.content());
    }
  }

  private static List<Path> leftovers(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".rdmaforge-tmp")).toList();
    }
  }

  @Test
  @DisplayName("first render into a new directory: every file, no staging sibling left behind")
  void write_newDirectory_writesEveryFileThroughOneRename(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("site/out");
    WriteResult r = RenderWriter.write(out, fabric("65520"));
    assertHolds(out, fabric("65520"));
    assertThat(r.written()).isEqualTo(10);
    assertThat(r.unchanged()).isZero();
    assertThat(r.files()).hasSize(10).allSatisfy(p -> assertThat(p).startsWith(out));
    try (Stream<Path> s = Files.list(out.getParent())) {
      assertThat(s.toList()).containsExactly(out);
    }
    assertThat(everything(out)).filteredOn(Files::isRegularFile).hasSize(10);
  }

  @Test
  @DisplayName("`mkdir -m 750 out` then render: the empty directory is filled, its mode kept")
  void write_emptyDirectory_isReplacedWithItsPermissions(@TempDir Path tmp) throws IOException {
    Path out = Files.createDirectory(tmp.resolve("out"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-x---"));
    RenderWriter.write(out, fabric("65520"));
    assertHolds(out, fabric("65520"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
        .isEqualTo("rwxr-x---");
    assertThat(leftovers(tmp)).isEmpty();
  }

  @Test
  @DisplayName("re-render of an unchanged fabric writes nothing: inodes and mtimes stay")
  void write_unchangedTree_leavesEveryFileAlone(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("out");
    RenderWriter.write(out, fabric("65520"));
    Path ifcfg = out.resolve("node002/etc/sysconfig/network-scripts/ifcfg-ib0");
    Files.setLastModifiedTime(ifcfg, FileTime.fromMillis(1_000_000_000_000L));
    Object inode = Files.readAttributes(ifcfg, BasicFileAttributes.class).fileKey();

    WriteResult r = RenderWriter.write(out, fabric("65520"));

    assertThat(r.unchanged()).isEqualTo(10);
    assertThat(r.written()).isZero();
    assertThat(Files.getLastModifiedTime(ifcfg).toMillis()).isEqualTo(1_000_000_000_000L);
    assertThat(Files.readAttributes(ifcfg, BasicFileAttributes.class).fileKey()).isEqualTo(inode);
  }

  @Test
  @DisplayName("an edited description (IPoIB MTU) and a hand-edited file: only those are replaced")
  void write_changedFiles_replacedThroughRename(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("out");
    RenderWriter.write(out, fabric("65520"));
    Path ml2 = out.resolve("node001/etc/neutron/plugins/ml2/linuxbridge_agent.ini");
    Files.writeString(ml2, "[linux_bridge]\n# edited by hand\n");
    Path ifcfg = out.resolve("node003/etc/sysconfig/network-scripts/ifcfg-ib0");
    Object oldInode = Files.readAttributes(ifcfg, BasicFileAttributes.class).fileKey();

    WriteResult r = RenderWriter.write(out, fabric("2044"));

    assertHolds(out, fabric("2044"));
    assertThat(r.written()).isEqualTo(4); // three ifcfg-ib0 and the hand-edited file
    assertThat(r.unchanged()).isEqualTo(6);
    // a new inode renamed over the old one, not the old file rewritten in place
    assertThat(Files.readAttributes(ifcfg, BasicFileAttributes.class).fileKey())
        .isNotEqualTo(oldInode);
    assertThat(leftovers(out)).isEmpty();
  }

  @Test
  @DisplayName("a node added to an existing output gets its directories; the others stay")
  void write_newNodeInExistingTree_makesItsDirectories(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("out");
    RenderWriter.write(out, fabric("65520"));
    List<RenderedFile> more = new ArrayList<>(fabric("65520"));
    more.add(new RenderedFile("node004", "/etc/modprobe.d/mlx4_core.conf",
        "options mlx4_core num_vfs=16\n"));
    WriteResult r = RenderWriter.write(out, more);
    assertHolds(out, more);
    assertThat(r.written()).isEqualTo(1);
  }

  @Test
  @DisplayName("a hand-made symlink in the output is replaced by the rendered regular file")
  void write_symlinkWithSameContent_becomesARegularFile(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("out");
    RenderWriter.write(out, fabric("65520"));
    Path shared = Files.writeString(tmp.resolve("shared.conf"), "options mlx4_core num_vfs=16\n");
    Path conf = out.resolve("node001/etc/modprobe.d/mlx4_core.conf");
    Files.delete(conf);
    Files.createSymbolicLink(conf, shared);

    WriteResult r = RenderWriter.write(out, fabric("65520"));

    assertThat(r.written()).isEqualTo(1);
    assertThat(Files.isSymbolicLink(conf)).isFalse();
    assertThat(conf).hasContent("options mlx4_core num_vfs=16\n");
    assertThat(shared).hasContent("options mlx4_core num_vfs=16\n");
  }

  @Test
  @DisplayName("output given as a symlink to an empty directory: the link stays, files land behind it")
  void write_outputThroughSymlink_keepsTheLink(@TempDir Path tmp) throws IOException {
    Path real = Files.createDirectory(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("out"), real);
    RenderWriter.write(link, fabric("65520"));
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertHolds(real, fabric("65520"));
    assertThat(leftovers(tmp)).isEmpty();
  }

  @Test
  @DisplayName("a render that fails half-way into a new directory leaves nothing at all")
  void write_failureInNewDirectory_leavesNoHalfTree(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("out");
    List<RenderedFile> clash = new ArrayList<>(fabric("65520"));
    // a file where a later file needs a directory: the second cannot be written
    clash.add(new RenderedFile("node009", "/etc/rdma", "x\n"));
    clash.add(new RenderedFile("node009", "/etc/rdma/modules/infiniband.conf", "ib_ipoib\n"));

    assertThatThrownBy(() -> RenderWriter.write(out, clash))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("node009/etc/rdma/modules/infiniband.conf: cannot write: "
            + out.resolve("node009/etc/rdma") + ": not a directory");
    assertThat(everything(tmp)).containsExactly(tmp);
  }

  @Test
  @DisplayName("a render that fails in an existing output keeps every file complete, old or new")
  void write_failureInExistingTree_keepsEarlierOutput(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("out");
    RenderWriter.write(out, fabric("65520"));
    // the user put a directory where node002's modprobe file goes
    Path conf = out.resolve("node002/etc/modprobe.d/mlx4_core.conf");
    Files.delete(conf);
    Files.createDirectories(conf.resolve("keep"));

    assertThatThrownBy(() -> RenderWriter.write(out, fabric("2044")))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("node002/etc/modprobe.d/mlx4_core.conf: cannot write");

    assertThat(conf.resolve("keep")).isDirectory();
    for (String node : List.of("node001", "node002", "node003")) {
      assertThat(Files.readString(out.resolve(node + "/etc/sysconfig/network-scripts/ifcfg-ib0")))
          .isIn("DEVICE=ib0\nMTU=65520\n", "DEVICE=ib0\nMTU=2044\n");
    }
    assertThat(leftovers(out)).isEmpty();
  }

  @Test
  @DisplayName("a node named ../x would write outside the output directory")
  void write_nodeNameEscapingOutput_isRefused(@TempDir Path tmp) {
    List<RenderedFile> bad = List.of(new RenderedFile("../x", "/etc/a.conf", "a\n"));
    assertThatThrownBy(() -> RenderWriter.write(tmp.resolve("out"), bad))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("would write outside");
    assertThat(tmp.resolve("x")).doesNotExist();
  }

  @Test
  @DisplayName("-o naming a regular file is the user's to fix")
  void write_outputIsAFile_isRefused(@TempDir Path tmp) throws IOException {
    Path file = Files.writeString(tmp.resolve("out"), "not a directory\n");
    assertThatThrownBy(() -> RenderWriter.write(file, fabric("65520")))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("exists and is not a directory");
    assertThat(file).hasContent("not a directory\n");
    assertThat(Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).isTrue();
  }
}
