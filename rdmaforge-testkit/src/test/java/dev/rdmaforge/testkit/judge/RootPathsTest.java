package dev.rdmaforge.testkit.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootPathsTest {

  @TempDir Path root;

  @Test
  @DisplayName("RHEL weak-updates: an absolute link into another kernel's tree stays in the image")
  void resolve_absoluteLink_resolvesInsideRoot() throws IOException {
    Path real = write("lib/modules/6.1.0-47-amd64/extra/ib_core.ko");
    link(
        "lib/modules/6.1.0-56-amd64/weak-updates/ib_core.ko",
        "/lib/modules/6.1.0-47-amd64/extra/ib_core.ko");

    assertThat(RootPaths.resolve(root, "lib/modules/6.1.0-56-amd64/weak-updates/ib_core.ko"))
        .isEqualTo(real);
  }

  @Test
  @DisplayName("bookworm's merged /usr: lib -> usr/lib in the middle of the path")
  void resolve_linkedDirectory_followsIt() throws IOException {
    Path real = write("usr/lib/modules/6.1.0-56-amd64/modules.dep");
    link("lib", "usr/lib");

    assertThat(RootPaths.resolve(root, "lib/modules/6.1.0-56-amd64/modules.dep")).isEqualTo(real);
  }

  @Test
  @DisplayName("a relative link climbing above the root stops at the root, like chroot")
  void resolve_dotDotAboveRoot_staysInRoot() throws IOException {
    Path real = write("extra/x.ko");
    link("lib/modules/k/x.ko", "../../../../../../extra/x.ko");

    assertThat(RootPaths.resolve(root, "lib/modules/k/x.ko")).isEqualTo(real);
  }

  @Test
  @DisplayName("a link loop is an error, not a hang")
  void resolve_loop_throws() throws IOException {
    link("a", "b");
    link("b", "/a");

    assertThatThrownBy(() -> RootPaths.resolve(root, "a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than 40 symbolic links");
  }

  private Path write(String relative) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, relative);
    return file;
  }

  private void link(String relative, String target) throws IOException {
    Path link = root.resolve(relative);
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, Path.of(target));
  }
}
