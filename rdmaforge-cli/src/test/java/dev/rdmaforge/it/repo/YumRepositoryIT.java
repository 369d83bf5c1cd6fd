package dev.rdmaforge.it.repo;

import static dev.rdmaforge.it.repo.RepoOracles.rpm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdmaforge.pkg.FileType;
import dev.rdmaforge.pkg.PackageFile;
import dev.rdmaforge.pkg.PackageInputs;
import dev.rdmaforge.pkg.PackageRelation;
import dev.rdmaforge.pkg.PackagedFile;
import dev.rdmaforge.pkg.Packages;
import dev.rdmaforge.pkg.RelationQualifier;
import dev.rdmaforge.pkg.Requirement;
import dev.rdmaforge.pkg.repo.Repositories;
import dev.rdmaforge.pkg.repo.Repository;
import dev.rdmaforge.pkg.repo.RepositoryFile;
import dev.rdmaforge.pkg.repo.RepositoryLayout;
import dev.rdmaforge.pkg.repo.RepositoryPackage;
import dev.rdmaforge.report.UserInputException;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.packages.KmodPackage;
import dev.rdmaforge.testkit.packages.KmodPackages;
import dev.rdmaforge.testkit.repos.YumRepos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A site's kmod yum repository made for real with {@code createrepo_c} over the test kit's kmod
 * RPMs of both 6.1 ABIs (one subdirectory per kernel, since RHEL kmod names carry no kernel), with
 * gzip, xz, bzip2 and zstd metadata. Oracles: {@code rpm -qp --qf/--provides/--requires/-l} of
 * the same files, and the relations rdmaforge reads from the package headers.
 */
class YumRepositoryIT {
  @TempDir Path dir;

  private List<Path> makeRepo(String type) {
    List<Path> rpms = new ArrayList<>();
    rpms.addAll(RepoOracles.copyRpms(KmodPackages.forKernel(DebianKernels.oldest61()),
        dir.resolve(DebianKernels.oldest61().release())));
    rpms.addAll(RepoOracles.copyRpms(KmodPackages.forKernel(DebianKernels.newest61()),
        dir.resolve(DebianKernels.newest61().release())));
    YumRepos.createrepo(dir, type);
    return rpms;
  }

  @ParameterizedTest
  @ValueSource(strings = {"gz", "zstd", "xz", "bz2"})
  void open_createrepoRepository_everyFieldAsRpmSays(String type) {
    List<Path> rpms = makeRepo(type);

    Repository repo = Repositories.open(dir);

    assertThat(repo.layout()).isEqualTo(RepositoryLayout.YUM);
    assertThat(repo.metadata().get(1).getFileName().toString())
        .endsWith(type.equals("zstd") ? ".xml.zst" : ".xml." + type);
    assertThat(repo.packages()).extracting(RepositoryPackage::file)
        .containsExactlyInAnyOrderElementsOf(rpms);
    for (RepositoryPackage p : repo.packages()) {
      String file = p.file().toString();
      assertThat(rpm("-qp", "--qf", "%{NAME}\\n%{EPOCH}\\n%{VERSION}\\n%{RELEASE}\\n%{ARCH}\\n",
          file)).containsExactly(p.name(),
          p.version().epoch().isPresent() ? "" + p.version().epoch().getAsLong() : "(none)",
          p.version().version(), p.version().release(), p.arch());
      assertThat(p.size().getAsLong()).isEqualTo(size(p.file()));
      assertThat(p.checksum().orElseThrow().hex()).isEqualTo(RepoOracles.sha256(p.file()));
      assertThat(p.provides()).extracting(PackageRelation::toString)
          .containsExactlyElementsOf(rpm("-qp", "--provides", file));
      // createrepo_c leaves out rpmlib() requirements and repeated ones.
      assertThat(p.requires()).extracting(Requirement::toString).containsExactlyElementsOf(
          new LinkedHashSet<>(rpm("-qp", "--requires", file).stream()
              .filter(r -> !r.startsWith("rpmlib(")).toList()));
      assertThat(p.files().orElseThrow()).extracting(f -> "/" + f.path())
          .containsExactlyElementsOf(rpm("-qlp", file));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gz", "zstd"})
  void metadataRelations_equalTheHeaderRelations(String type) {
    makeRepo(type);

    for (RepositoryPackage p : Repositories.open(dir).packages()) {
      PackageFile header = p.read();
      assertThat(header.version()).isEqualTo(p.version());
      assertThat(p.provides()).extracting(r -> new PackageRelation(r.name(), r.comparison(),
          r.version(), Set.of())).containsExactlyElementsOf(header.provides().stream()
              .map(r -> new PackageRelation(r.name(), r.comparison(), r.version(), Set.of()))
              .toList());
      List<PackageRelation> fromHeader = new ArrayList<>();
      for (Requirement r : header.requires()) {
        PackageRelation rel = r.first();
        if (rel.name().startsWith("rpmlib(")) {
          continue;
        }
        // createrepo_c's pre="1": PreReq, Requires(pre) or Requires(post).
        boolean pre = rel.qualifiers().stream().anyMatch(EnumSet.of(
            RelationQualifier.PREREQ, RelationQualifier.PRE, RelationQualifier.POST)::contains);
        PackageRelation expected = new PackageRelation(rel.name(), rel.comparison(),
            rel.version(), pre ? Set.of(RelationQualifier.PREREQ) : Set.of());
        if (!fromHeader.contains(expected)) {
          fromHeader.add(expected);
        }
      }
      assertThat(p.requires()).extracting(Requirement::first)
          .containsExactlyElementsOf(fromHeader);
      assertThat(p.conflicts()).isEqualTo(header.conflicts());
      for (RepositoryFile f : p.files().orElseThrow()) {
        PackagedFile h = header.file(f.path()).orElseThrow();
        assertThat(f.kind() == RepositoryFile.Kind.DIR).as(f.path())
            .isEqualTo(h.type() == FileType.DIR);
        assertThat(f.kind() == RepositoryFile.Kind.GHOST).as(f.path()).isEqualTo(h.ghost());
      }
    }
  }

  @Test
  void read_packageReplacedAfterCreaterepo_isRefused() throws IOException {
    makeRepo("gz");
    Repository repo = Repositories.open(dir);
    RepositoryPackage provider = repo.named(KmodPackage.PROVIDER.rpmName()).get(0);
    // A rebuild for the other kernel copied over the listed one: same name, new content.
    RepositoryPackage other = repo.named(KmodPackage.PROVIDER.rpmName()).get(1);
    Files.copy(other.file(), provider.file(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(provider::read).isInstanceOf(UserInputException.class)
        .hasMessageContaining(provider.listedIn().toString())
        .hasMessageContaining(provider.file() + " has ")
        .hasMessageContaining("the metadata says");
  }

  @Test
  void open_packageLinkedFromOutside_isRefused() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Path rpm = KmodPackages.forKernel(DebianKernels.newest61()).rpm(KmodPackage.PROVIDER);
    Path copy = Files.copy(rpm, outside.resolve(rpm.getFileName()));
    Files.createSymbolicLink(repo.resolve(rpm.getFileName()), copy);
    YumRepos.createrepo(repo, "gz");

    assertThatThrownBy(() -> Repositories.open(repo)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("symbolic link that leads out of the repository");
  }

  @Test
  void open_realRepomdWithAnEntity_isRefused() throws IOException {
    makeRepo("gz");
    Path repomd = dir.resolve("repodata/repomd.xml");
    String text = Files.readString(repomd);
    Files.writeString(repomd, text.replaceFirst("<repomd ",
        "<!DOCTYPE repomd [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<repomd ")
        .replaceFirst("<revision>", "<revision>&xxe;"));

    assertThatThrownBy(() -> Repositories.open(dir)).isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(repomd + ":2:")
        .hasMessageContaining("document type declaration")
        .hasMessageNotContaining("root:");
  }

  @Test
  void expand_repositoryDirectory_isItsListedPackages() throws IOException {
    List<Path> rpms = makeRepo("gz");
    Files.copy(rpms.get(0), dir.resolve("unlisted-leftover.x86_64.rpm"));

    assertThat(PackageInputs.expand(List.of(dir))).containsExactlyInAnyOrderElementsOf(rpms);
    assertThat(Packages.read(PackageInputs.expand(List.of(dir)).get(0)).name())
        .startsWith("kmod-rdmaforge");
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
