package dev.rdmaforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeCopiesTest {

  @TempDir Path dir;

  @Test
  @DisplayName("a cached kernel copied for a test: modules linked, metadata copied, links kept")
  void linkCopy_moduleTree_linksModulesAndCopiesTheRest() throws IOException {
    Path source = dir.resolve("cache/6.1.0-56-amd64");
    write(source.resolve("kernel/a.ko"), "ELF a");
    write(source.resolve("kernel/b.ko.xz"), "xz b");
    write(source.resolve("modules.order"), "kernel/a.ko\n");
    Files.createDirectories(source.resolve("weak-updates"));
    Files.createSymbolicLink(source.resolve("weak-updates/a.ko"), Path.of("../kernel/a.ko"));

    Path copy = TreeCopies.linkCopy(source, dir.resolve("base"), "6.1.0-56-amd64");

    assertThat(copy).isEqualTo(dir.resolve("base/lib/modules/6.1.0-56-amd64"));
    assertThat(Files.isSameFile(copy.resolve("kernel/a.ko"), source.resolve("kernel/a.ko")))
        .isTrue();
    assertThat(Files.isSameFile(copy.resolve("kernel/b.ko.xz"), source.resolve("kernel/b.ko.xz")))
        .isTrue();
    assertThat(Files.isSameFile(copy.resolve("modules.order"), source.resolve("modules.order")))
        .isFalse();
    assertThat(Files.readSymbolicLink(copy.resolve("weak-updates/a.ko")))
        .isEqualTo(Path.of("../kernel/a.ko"));
  }

  @Test
  @DisplayName("depmod's tie-breaking needs the copy to list in the source's readdir order")
  void readdirOrder_copyOnSameFileSystem_matchesSource() throws IOException {
    Path source = dir.resolve("src");
    for (String name :
        new String[] {"updates", "extra", "kernel", "weak-updates", "a", "b", "zz"}) {
      write(source.resolve(name + "/m.ko"), name);
    }

    Path copy = TreeCopies.linkCopy(source, dir.resolve("base"), "k");

    assertThat(TreeCopies.readdirOrder(copy)).isEqualTo(TreeCopies.readdirOrder(source));
    assertThat(TreeCopies.readdirOrder(copy)).hasSize(14);
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
