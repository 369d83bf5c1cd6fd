package dev.rdmaforge.build.sign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a kernel's sign-file is: in its headers tree (RHEL kernel-devel, a full build tree), else
 * Debian's linux-kbuild-MAJOR.MINOR, which linux-headers-6.1.0-56-amd64 depends on.
 */
class SignFileTest {
  @TempDir Path dir;

  @Test
  void theHeadersOwnSignFile_comesFirst() throws Exception {
    Path tool = Files.createDirectories(dir.resolve("scripts")).resolve("sign-file");
    Files.writeString(tool, "#!/bin/sh\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(SignFile.find(dir, "6.1.0-56-amd64")).contains(tool);
  }

  @Test
  void aNonExecutableFile_isNotASignFile_andDebiansKbuildIsTheFallback() throws Exception {
    Path tool = Files.createDirectories(dir.resolve("scripts")).resolve("sign-file");
    Files.writeString(tool, "source, not built\n");
    assertThat(SignFile.candidates(dir, "6.1.0-56-amd64")).containsExactly(tool,
        Path.of("/usr/lib/linux-kbuild-6.1/scripts/sign-file"));
    assertThat(SignFile.find(dir, "6.1.0-56-amd64").filter(tool::equals)).isEmpty();
  }
}
