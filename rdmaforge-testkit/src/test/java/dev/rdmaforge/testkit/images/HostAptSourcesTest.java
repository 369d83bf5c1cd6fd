package dev.rdmaforge.testkit.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** apt configurations as Debian 12 installs and cloud images ship them. */
class HostAptSourcesTest {
  private static final Set<String> SUITES =
      Set.of("bookworm", "bookworm-updates", "bookworm-security");
  private static final String KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg";

  @TempDir Path etcApt;

  @Test
  void lines_deb822AsDebian12InstallsIt() throws IOException {
    // Debian 12's installer and cloud images: one debian.sources, two paragraphs.
    write("sources.list.d/debian.sources", """
        Types: deb
        # http://snapshot.debian.org/archive/debian/20250520T000000Z
        URIs: http://deb.debian.org/debian
        Suites: bookworm bookworm-updates
        Components: main
        Signed-By: %s

        Types: deb deb-src
        URIs: http://deb.debian.org/debian-security
        Suites: bookworm-security
        Components: main contrib
        Signed-By: %s
        """.formatted(KEYRING, KEYRING));
    // A third-party source the farm disabled by renaming: apt ignores it, so must the test kit.
    write("sources.list.d/google-cloud-sdk.list.disabled-by-farm",
        "deb https://packages.cloud.google.com/apt bookworm main\n");

    assertThat(HostAptSources.lines(etcApt, SUITES)).containsExactly(
        "deb [signed-by=" + KEYRING + "] http://deb.debian.org/debian bookworm main",
        "deb [signed-by=" + KEYRING + "] http://deb.debian.org/debian bookworm-updates main",
        "deb [signed-by=" + KEYRING + "] http://deb.debian.org/debian-security"
            + " bookworm-security main contrib");
  }

  @Test
  void lines_oneLineSourcesListWithOptionsCommentsAndOtherSuites() throws IOException {
    // An older install upgraded from bullseye: a classic sources.list plus a local mirror file.
    write("sources.list", """
        # deb cdrom:[Debian GNU/Linux 12]/ bookworm main
        deb http://mirror.example/debian bookworm main non-free-firmware  # main mirror
        deb-src http://mirror.example/debian bookworm main
        deb http://mirror.example/debian bookworm-backports main
        deb http://mirror.example/debian bookworm-updates main
        """);
    write("sources.list.d/security.list",
        "deb [arch=amd64  trusted=yes] http://mirror.example/security bookworm-security main\n");

    assertThat(HostAptSources.lines(etcApt, SUITES)).containsExactly(
        "deb http://mirror.example/debian bookworm main non-free-firmware",
        "deb http://mirror.example/debian bookworm-updates main",
        "deb [arch=amd64 trusted=yes] http://mirror.example/security bookworm-security main");
  }

  @Test
  void lines_disabledParagraphSkipped_missingSuiteNamed() throws IOException {
    write("sources.list.d/debian.sources", """
        Types: deb
        URIs: http://deb.debian.org/debian
        Suites: bookworm bookworm-updates
        Components: main

        Enabled: no
        Types: deb
        URIs: http://deb.debian.org/debian-security
        Suites: bookworm-security
        Components: main
        """);

    assertThatThrownBy(() -> HostAptSources.lines(etcApt, SUITES))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no `deb` source for the suite bookworm-security");
  }

  @Test
  void lines_embeddedKey_refusedWithFix() throws IOException {
    write("sources.list.d/debian.sources", """
        Types: deb
        URIs: http://deb.debian.org/debian
        Suites: bookworm bookworm-updates bookworm-security
        Components: main
        Signed-By:
         -----BEGIN PGP PUBLIC KEY BLOCK-----
         .
         mQINBGPL0BUBEADmW5NdOOHwPIJlgPu6JDcKw/NZJPR8lsD9K7UgrF6nP+n+zT9N
         -----END PGP PUBLIC KEY BLOCK-----
        """);

    assertThatThrownBy(() -> HostAptSources.lines(etcApt, SUITES))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("debian.sources: a signed-by value spanning lines");
  }

  private void write(String name, String text) throws IOException {
    Path file = etcApt.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
