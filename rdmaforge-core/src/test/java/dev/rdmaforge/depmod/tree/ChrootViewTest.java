package dev.rdmaforge.depmod.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChrootViewTest {
  @TempDir Path root;

  @Test
  @DisplayName("RHEL weak-updates link: an absolute target resolves inside the image, not the host")
  void physical_absoluteSymlink_staysInRoot() throws Exception {
    Path target = root.resolve("lib/modules/3.10.0-1/extra/x.ko");
    Files.createDirectories(target.getParent());
    Files.writeString(target, "x");
    Path weak = root.resolve("lib/modules/3.10.0-2/weak-updates/x.ko");
    Files.createDirectories(weak.getParent());
    Files.createSymbolicLink(weak, Path.of("/lib/modules/3.10.0-1/extra/x.ko"));

    Path resolved = TreeView.chroot(root).physical("/lib/modules/3.10.0-2/weak-updates/x.ko");
    assertThat(resolved).isEqualTo(target);
  }

  @Test
  @DisplayName("bookworm roots: /lib -> usr/lib, and '..' never climbs above the root")
  void physical_relativeLinkAndDotDot() throws Exception {
    Files.createDirectories(root.resolve("usr/lib/modules/k"));
    Files.createSymbolicLink(root.resolve("lib"), Path.of("usr/lib"));
    TreeView view = TreeView.chroot(root);
    assertThat(view.physical("/lib/modules/k")).isEqualTo(root.resolve("usr/lib/modules/k"));
    assertThat(view.physical("/../../lib/modules/k")).isEqualTo(root.resolve("usr/lib/modules/k"));
  }
}
