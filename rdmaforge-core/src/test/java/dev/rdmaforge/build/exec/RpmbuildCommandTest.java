package dev.rdmaforge.build.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** lbuild's rpmbuild line: own _topdir, KVERSION, K_SRC; for o2iblnd the provider's devel tree. */
class RpmbuildCommandTest {
  private static final Path ROOT = Path.of("/w/roots/x");
  private static final Path SRPM = Path.of("/w/src/ofa-like-1.0-1.src.rpm");
  private static final Path HEADERS = Path.of("/usr/src/linux-headers-6.1.0-56-amd64");

  @Test
  void of_rebuild_everythingBelowTheRoot() {
    assertThat(RpmbuildCommand.of(ROOT, SRPM, "6.1.0-56-amd64", HEADERS, Optional.empty(),
        List.of())).containsExactly("rpmbuild", "--rebuild", "--nodeps",
        "--define", "_topdir /w/roots/x/top", "--define", "_tmppath /w/roots/x/tmp",
        "--define", "_dbpath /w/roots/x/rpmdb", "--define", "KVERSION 6.1.0-56-amd64",
        "--define", "K_SRC /usr/src/linux-headers-6.1.0-56-amd64", SRPM.toString());
  }

  @Test
  void of_dependent_o2ibPathIsTheProviderDevelUnlessAnOptionSaysOtherwise() {
    Path devel = Path.of("/w/roots/x/provider/usr/src/ofa_kernel/x86_64/6.1.0-56-amd64");

    List<String> plain = RpmbuildCommand.of(ROOT, SRPM, "6.1.0-56-amd64", HEADERS,
        Optional.of(devel), List.of());
    List<String> given = RpmbuildCommand.of(ROOT, SRPM, "6.1.0-56-amd64", HEADERS,
        Optional.of(devel), List.of("--with-o2ib=/opt/ofed", "--disable-tests"));

    assertThat(plain).contains("o2ib_path " + devel).noneMatch(a -> a.startsWith("configure"));
    assertThat(given).contains("o2ib_path /opt/ofed",
        "configure_args --with-o2ib=/opt/ofed --disable-tests");
  }
}
