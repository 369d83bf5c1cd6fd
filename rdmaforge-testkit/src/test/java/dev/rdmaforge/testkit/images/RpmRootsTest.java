package dev.rdmaforge.testkit.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel-core spec of the rpm-managed test root, as RHEL's kernel.spec shapes its own. */
class RpmRootsTest {
  private static final String R = RpmRoots.RELEASE;

  @TempDir Path stage;

  private Path file(String relative) throws IOException {
    Path p = stage.resolve(relative);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, "x");
  }

  @Test
  void spec_ownsTheTree_depmodOutputsAsGhosts_providesTheExportsAsRhel() throws IOException {
    file("lib/modules/" + R + "/kernel/drivers/infiniband/core/ib_core.ko");
    file("lib/modules/" + R + "/modules.order");
    file("lib/modules/" + R + "/modules.builtin");
    file("lib/modules/" + R + "/modules.dep");
    file("lib/modules/" + R + "/modules.builtin.bin");

    // Module.symvers writes CRCs as 0x%08x already; a short one is padded as RHEL's awk does.
    List<String> spec = RpmRoots.spec(Map.of("ib_register_client", "0xe2ffcd05",
        "short_crc", "0x1234"), stage).lines().toList();

    assertThat(spec).contains("Name: kernel-core", "Version: 6.1.0", "Release: 56.amd64",
        "Provides: kernel-uname-r = 6.1.0-56.amd64", "Provides: kernel = 6.1.0-56.amd64",
        "Provides: kernel(ib_register_client) = 0xe2ffcd05",
        "Provides: kernel(short_crc) = 0x00001234",
        "/boot/vmlinuz-" + R, "/boot/System.map-" + R, "/boot/config-" + R,
        "%dir /lib/modules/" + R,
        "%dir /lib/modules/" + R + "/kernel/drivers/infiniband/core",
        "/lib/modules/" + R + "/kernel/drivers/infiniband/core/ib_core.ko",
        "/lib/modules/" + R + "/modules.order", "/lib/modules/" + R + "/modules.builtin",
        "%ghost /lib/modules/" + R + "/modules.dep",
        "%ghost /lib/modules/" + R + "/modules.builtin.bin",
        "%files -n debian-base", "/bin/sh", "/usr/sbin/depmod");
    assertThat(spec).doesNotContain("/lib/modules/" + R + "/modules.dep");
  }

  @Test
  void spec_pathRpmWouldGlob_isRefused() throws IOException {
    file("lib/modules/" + R + "/extra/odd name[1].ko");
    assertThatThrownBy(() -> RpmRoots.spec(Map.of(), stage))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("odd name[1].ko: a path rpm's %files would not take literally");
  }
}
