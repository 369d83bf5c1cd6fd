package dev.rdmaforge.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the files and directories a user names stand for: a download directory of kmod packages
 * (every package below it), and an apt repository that also holds an unlisted leftover package
 * (only the listed ones, as apt would install only those).
 */
class PackageInputsTest {
  @TempDir Path dir;

  @Test
  void expand_plainDirectory_everyBinaryPackageSorted() throws IOException {
    Files.createDirectories(dir.resolve("b"));
    Files.writeString(dir.resolve("b/kmod-x-1.0-1.x86_64.rpm"), "x");
    Files.writeString(dir.resolve("a.deb"), "x");
    Files.writeString(dir.resolve("kmod-x-1.0-1.src.rpm"), "x");
    Files.writeString(dir.resolve("notes.txt"), "x");

    assertThat(PackageInputs.expand(List.of(dir)))
        .containsExactly(dir.resolve("a.deb"), dir.resolve("b/kmod-x-1.0-1.x86_64.rpm"));
  }

  @Test
  void expand_aptRepository_onlyTheListedPackages() throws IOException {
    Files.writeString(dir.resolve("listed.deb"), "x");
    Files.writeString(dir.resolve("leftover.deb"), "x");
    Files.writeString(dir.resolve("Packages"), "Package: listed\nVersion: 1.0\n"
        + "Architecture: amd64\nFilename: ./listed.deb\nSize: 1\n"
        + "SHA256: 2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881\n");

    assertThat(PackageInputs.expand(List.of(dir))).containsExactly(dir.resolve("listed.deb"));
  }

  @Test
  void expand_emptyDirectoryOrMissingName_isAnInputError() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));

    assertThatThrownBy(() -> PackageInputs.expand(List.of(empty)))
        .isInstanceOf(UserInputException.class).hasMessageContaining("holds no .rpm or .deb");
    assertThatThrownBy(() -> PackageInputs.expand(List.of(dir.resolve("missing"))))
        .isInstanceOf(UserInputException.class).hasMessageContaining("no such package file");
  }
}
