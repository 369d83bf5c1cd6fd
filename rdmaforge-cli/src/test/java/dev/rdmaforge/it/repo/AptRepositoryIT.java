package dev.rdmaforge.it.repo;

import static dev.rdmaforge.it.repo.RepoOracles.dpkgDeb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdmaforge.pkg.PackageFile;
import dev.rdmaforge.pkg.PackageFormat;
import dev.rdmaforge.pkg.PackagedFile;
import dev.rdmaforge.pkg.Packages;
import dev.rdmaforge.pkg.repo.Repositories;
import dev.rdmaforge.pkg.repo.Repository;
import dev.rdmaforge.pkg.repo.RepositoryLayout;
import dev.rdmaforge.pkg.repo.RepositoryPackage;
import dev.rdmaforge.report.UserInputException;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.packages.KmodPackages;
import dev.rdmaforge.testkit.repos.AptRepos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * apt repositories of DKMS-style module packages made for real with {@code dpkg-scanpackages}
 * over the test kit's DEBs of both 6.1 ABIs: flat (plain, gzip, xz) and the archive form with
 * {@code pool/} and a Release file. Oracles: {@code dpkg-deb -f} and {@code -c} of the same
 * files, and the relations rdmaforge reads from the DEBs' own control files.
 */
class AptRepositoryIT {
  @TempDir Path dir;

  private List<Path> debs(Path into) {
    List<Path> debs = new ArrayList<>();
    debs.addAll(RepoOracles.copyDebs(KmodPackages.forKernel(DebianKernels.oldest61()), into));
    debs.addAll(RepoOracles.copyDebs(KmodPackages.forKernel(DebianKernels.newest61()), into));
    return debs;
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain", "gzip", "xz"})
  void open_flatRepository_everyFieldAsDpkgDebSays(String compression) {
    List<Path> debs = debs(dir);
    Path index = AptRepos.flat(dir, compression);

    Repository repo = Repositories.open(dir);

    assertThat(repo.layout()).isEqualTo(RepositoryLayout.APT);
    assertThat(repo.metadata()).containsExactly(index);
    assertThat(repo.packages()).extracting(RepositoryPackage::file)
        .containsExactlyInAnyOrderElementsOf(debs);
    for (RepositoryPackage p : repo.packages()) {
      checkAgainstTheDeb(p);
    }
  }

  @Test
  void open_archiveWithPoolAndRelease_resolvesPoolPaths() {
    List<Path> debs = debs(dir.resolve("incoming"));
    Path root = dir.resolve("mirror");
    Path index = AptRepos.archive(root, "bookworm", debs);

    Repository repo = Repositories.open(root);

    assertThat(repo.metadata()).containsExactly(root.resolve("dists/bookworm/Release"), index);
    assertThat(repo.packages()).hasSize(debs.size());
    for (RepositoryPackage p : repo.packages()) {
      assertThat(p.location()).startsWith("pool/main/");
      assertThat(p.file().getParent()).isEqualTo(root.resolve("pool/main"));
      checkAgainstTheDeb(p);
    }
  }

  private static void checkAgainstTheDeb(RepositoryPackage p) {
    String file = p.file().toString();
    assertThat(p.format()).isEqualTo(PackageFormat.DEB);
    assertThat(dpkgDeb("-f", file, "Package", "Version", "Architecture")).containsExactly(
        "Package: " + p.name(), "Version: " + p.version(), "Architecture: " + p.arch());
    assertThat(p.checksum().orElseThrow().hex()).isEqualTo(RepoOracles.sha256(p.file()));
    PackageFile deb = p.read();
    // The stanza's relations are the control file's, qualifiers included.
    assertThat(p.provides()).isEqualTo(deb.provides());
    assertThat(p.requires()).isEqualTo(deb.requires());
    assertThat(p.conflicts()).isEqualTo(deb.conflicts());
    assertThat(p.version()).isEqualTo(deb.version());
    for (String field : List.of("Depends", "Provides")) {
      List<String> value = dpkgDeb("-f", file, field);
      String joined = field.equals("Depends")
          ? String.join(", ", p.requires().stream().map(r -> String.join(" | ",
              r.anyOf().stream().map(x -> x.name() + (x.version().isEmpty() ? "" : " ("
                  + x.comparison().debianOperator() + " " + x.version() + ")")).toList()))
              .toList())
          : String.join(", ", p.provides().stream().map(x -> x.name()
              + (x.version().isEmpty() ? "" : " (" + x.comparison().debianOperator() + " "
                  + x.version() + ")")).toList());
      assertThat(value).containsExactly(joined);
    }
    assertThat(deb.files()).extracting(PackagedFile::path).containsExactlyElementsOf(
        dpkgDeb("-c", file).stream().map(l -> l.substring(l.indexOf("./") + 2))
            .map(l -> l.contains(" -> ") ? l.substring(0, l.indexOf(" -> ")) : l)
            .map(l -> l.endsWith("/") ? l.substring(0, l.length() - 1) : l)
            .map(l -> l.contains(" link to ") ? l.substring(0, l.indexOf(" link to ")) : l)
            .filter(l -> !l.isEmpty()).toList());
  }

  @Test
  void read_debReplacedAfterScan_isRefused() throws IOException {
    List<Path> debs = debs(dir);
    AptRepos.flat(dir, "gzip");
    RepositoryPackage p = Repositories.open(dir).packages().get(0);
    Path other = debs.stream().filter(d -> !d.equals(p.file())).findFirst().orElseThrow();
    Files.copy(other, p.file(), StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(p::read).isInstanceOf(UserInputException.class)
        .hasMessageContaining(dir.resolve("Packages.gz").toString())
        .hasMessageContaining(p.file() + " has ")
        .hasMessageContaining("dpkg-scanpackages");
  }

  @Test
  void open_filenameClimbingOut_isRefused() throws IOException {
    debs(dir);
    Path index = AptRepos.flat(dir, "plain");
    Files.writeString(index, Files.readString(index).replaceFirst("Filename: \\./",
        "Filename: ../../"));

    assertThatThrownBy(() -> Repositories.open(dir)).isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(index + ":")
        .hasMessageContaining("leads out of the repository");
  }

  @Test
  void packagesRead_fromTheRepositoryEqualTheDebsOwn() {
    List<Path> debs = debs(dir);
    AptRepos.flat(dir, "xz");
    for (RepositoryPackage p : Repositories.open(dir).packages()) {
      assertThat(p.read()).isEqualTo(Packages.read(debs.get(debs.indexOf(p.file()))));
    }
  }
}
