package dev.rdmaforge.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdmaforge.pkg.PackageFormat;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site's stack.yaml for rebuilding MLNX_OFED and a Lustre-like LNet driver for the node image's
 * kernel (issue 5): the full format, and every mistake a person makes in it reported at its
 * line:column with what was expected.
 */
class StackDescriptionsTest {
  @TempDir Path dir;
  Path yaml;

  static final String FULL = """
      bundle: ./MLNX_OFED_LINUX-5.8-rdmaforge-debian12-x86_64
      kernels:
        - release: 6.1.0-56-amd64
          headers: ./headers-56
          symvers: ./headers-56/Module.symvers
          config: ./config-56
      dependents:
        - name: lustre-like
          source: ./lustre-like-1.0-1.src.rpm
          provider: ofa-like
          options: ["--with-o2ib={provider.devel}", "--disable-tests"]
      output:
        format: rpm
        directory: ./out
        repository: yum
      signing:
        key: ./signing_key.pem
        certificate: ./signing_key.x509
        hash: sha512
      """;

  @BeforeEach
  void inputs() throws IOException {
    Path bundle = Files.createDirectories(dir.resolve("MLNX_OFED_LINUX-5.8-rdmaforge-debian12-x86_64"));
    Files.writeString(bundle.resolve(".mlnx"), "5.8-rdmaforge\n");
    Files.createDirectories(bundle.resolve("RPMS/COMMON"));
    Path headers = Files.createDirectories(dir.resolve("headers-56"));
    Files.writeString(headers.resolve("Module.symvers"), "0x1\tprintk\tvmlinux\tEXPORT_SYMBOL\t\n");
    Files.writeString(headers.resolve(".config"), "CONFIG_X=y\n");
    Files.writeString(dir.resolve("config-56"), "CONFIG_X=y\n");
    Files.writeString(dir.resolve("lustre-like-1.0-1.src.rpm"), "srpm");
    Files.writeString(dir.resolve("signing_key.pem"), "key");
    Files.writeString(dir.resolve("signing_key.x509"), "cert");
    yaml = dir.resolve("stack.yaml");
  }

  private StackDescription read(String text) throws IOException {
    Files.writeString(yaml, text);
    return StackDescriptions.read(yaml);
  }

  private String error(String text) throws IOException {
    Files.writeString(yaml, text);
    try {
      StackDescriptions.read(yaml);
    } catch (UserInputException e) {
      return e.getMessage();
    }
    throw new AssertionError("no error for:\n" + text);
  }

  @Test
  void read_fullExample_everyValueResolvedAgainstTheYamlDirectory() throws IOException {
    StackDescription s = read(FULL);

    assertThat(s.bundle().path()).isEqualTo(dir.resolve("MLNX_OFED_LINUX-5.8-rdmaforge-debian12-x86_64"));
    assertThat(s.bundle().form()).isEqualTo(BundleSource.Form.DIRECTORY);
    assertThat(s.bundle().at().toString()).isEqualTo(yaml + ":1:9");
    TargetKernel k = s.kernels().get(0);
    assertThat(k.release()).isEqualTo("6.1.0-56-amd64");
    assertThat(k.headersForm()).isEqualTo(TargetKernel.HeadersForm.DIRECTORY);
    assertThat(k.symvers()).contains(dir.resolve("headers-56/Module.symvers"));
    assertThat(k.config()).contains(dir.resolve("config-56"));
    assertThat(k.builtin()).isEmpty();
    assertThat(k.at().toString()).isEqualTo(yaml + ":3:5");
    Dependent d = s.dependents().get(0);
    assertThat(d.sourceForm()).isEqualTo(Dependent.SourceForm.SRPM);
    assertThat(d.provider()).isEqualTo("ofa-like");
    assertThat(d.providerAt().toString()).isEqualTo(yaml + ":10:15");
    assertThat(d.options(Path.of("/b/devel")))
        .containsExactly("--with-o2ib=/b/devel", "--disable-tests");
    assertThat(s.output().format()).isEqualTo(PackageFormat.RPM);
    assertThat(s.output().directory()).isEqualTo(dir.resolve("out"));
    assertThat(s.output().repository()).isEqualTo(OutputSpec.RepositoryKind.YUM);
    assertThat(s.signing().orElseThrow().hash()).isEqualTo("sha512");
  }

  /** A signing site gives the kernel's vmlinuz so that its built-in keys can be read. */
  @Test
  void read_kernelImage_isResolvedAndOptional() throws IOException {
    Files.writeString(dir.resolve("vmlinuz-56"), "image");
    StackDescription s = read(FULL.replace("    config: ./config-56\n",
        "    config: ./config-56\n    image: ./vmlinuz-56\n"));
    assertThat(s.kernels().get(0).image()).contains(dir.resolve("vmlinuz-56"));
    assertThat(read(FULL).kernels().get(0).image()).isEmpty();
  }

  @Test
  void read_minimal_defaultsFromTheHeadersAndTheFormat() throws IOException {
    StackDescription s = read("""
        bundle: MLNX_OFED_LINUX-5.8-rdmaforge-debian12-x86_64
        kernels: [{release: 6.1.0-56-amd64, headers: headers-56}]
        output: {format: deb, directory: out}
        """);

    assertThat(s.kernels().get(0).symvers()).isEmpty();
    assertThat(s.dependents()).isEmpty();
    assertThat(s.output().repository()).isEqualTo(OutputSpec.RepositoryKind.APT);
    assertThat(s.signing()).isEmpty();
  }

  @Test
  void read_unknownKeys_reportedAtTheKeyWithTheNearestValidOne() throws IOException {
    String msg = error(FULL.replace("  - release:", "  - relase:")
        .replace("output:", "outptu:"));

    assertThat(msg.lines().toList()).contains(
        yaml + ":3:5: unknown key 'relase' in kernels[0]; perhaps you meant 'release'",
        yaml + ":3:5: kernels[0] needs 'release'; add `release: KVER` (the kernel's uname -r)",
        yaml + ":12:1: unknown key 'outptu' in the description; perhaps you meant 'output'");
  }

  @Test
  void read_missingPaths_reportedAtTheValueWithTheResolvedPath() throws IOException {
    String msg = error(FULL.replace("./headers-56\n", "./headers-57\n")
        .replace("./lustre-like-1.0-1.src.rpm", "/nonexistent/lustre.src.rpm"));

    assertThat(msg.lines().toList()).contains(
        yaml + ":4:14: kernels[0].headers './headers-57' does not exist (resolved to "
            + dir.resolve("headers-57") + "); install the kernel's headers (linux-headers-KVER"
            + " or kernel-devel) or give the package file",
        yaml + ":9:13: dependents[0].source '/nonexistent/lustre.src.rpm' does not exist; give"
            + " the dependent's source RPM or source directory");
  }

  @Test
  void read_emptyValues_reportedAtTheValueNotAsAnInternalError() throws IOException {
    // `bundle:` with nothing after it is YAML null: a user who has not filled in the path yet.
    String msg = error(FULL.replaceFirst("bundle: \\S+", "bundle:")
        .replace("./lustre-like-1.0-1.src.rpm", "''"));

    assertThat(msg).contains(yaml + ":1:8: bundle is empty; add `bundle:");
    assertThat(msg).contains("dependents[0].source is empty");
  }

  @Test
  void read_wrongTypes_sayWhatWasExpected() throws IOException {
    String msg = error("""
        bundle: [a, b]
        kernels:
          release: 6.1.0-56-amd64
        output:
          format: tarball
          directory: out
          repository: apt
        dependents:
          - name: x
            source: headers-56
            provider: ofa-like
            options: "--with-o2ib"
        """);

    assertThat(msg.lines().toList()).containsExactly(
        yaml + ":1:9: bundle must be a single value",
        yaml + ":3:3: kernels must be a list (lines starting with '- ')",
        yaml + ":12:14: dependents[0].options must be a list of strings, e.g. [\"--with-x\"]",
        yaml + ":5:11: output.format 'tarball' is unknown: expected rpm or deb");
  }

  @Test
  void read_missingRequiredSections_reportedAtTheTop() throws IOException {
    String msg = error("bundle: MLNX_OFED_LINUX-5.8-rdmaforge-debian12-x86_64\n");

    assertThat(msg.lines().toList()).containsExactly(
        yaml + ":1:1: the description needs 'kernels'; list the target kernels: `kernels:"
            + " [{release: 6.1.0-56-amd64, headers: /usr/src/linux-headers-6.1.0-56-amd64}]`",
        yaml + ":1:1: the description needs 'output'; add `output: {format: rpm, directory:"
            + " ./out}`");
  }

  @Test
  void read_placeholderTypoAndRepositoryMismatch_reported() throws IOException {
    String msg = error(FULL.replace("{provider.devel}", "{provider.dev}")
        .replace("format: rpm", "format: deb"));

    assertThat(msg.lines().toList()).containsExactly(
        yaml + ":11:15: unknown placeholder {provider.dev} in option"
            + " '--with-o2ib={provider.dev}'; perhaps you meant {provider.devel}",
        yaml + ":15:15: output.repository yum cannot hold deb packages; write `repository:"
            + " apt` or `none`");
  }

  @Test
  void read_headersWithoutModuleSymvers_namesTheDefaultItLookedFor() throws IOException {
    Files.delete(dir.resolve("headers-56/Module.symvers"));

    String msg = error(FULL.replace("    symvers: ./headers-56/Module.symvers\n", ""));

    assertThat(msg).isEqualTo(yaml + ":4:14: kernels[0].headers has no Module.symvers (looked"
        + " for " + dir.resolve("headers-56/Module.symvers") + "); give `symvers:` with the"
        + " kernel's own file");
  }

  @Test
  void read_duplicateKernelAndNotABundle_reported() throws IOException {
    Files.createDirectories(dir.resolve("plain"));
    String msg = error("""
        bundle: plain
        kernels:
          - {release: 6.1.0-56-amd64, headers: headers-56}
          - {release: 6.1.0-56-amd64, headers: headers-56}
        output: {format: rpm, directory: out}
        """);

    assertThat(msg.lines().toList()).containsExactly(
        yaml + ":1:9: bundle 'plain' is not an MLNX_OFED bundle: expected a version file (.mlnx"
            + " or mlnx) and RPMS/ or DEBS/ in it; give the directory the bundle's .tgz unpacks"
            + " to (MLNX_OFED_LINUX-VER-DISTRO-ARCH)",
        yaml + ":4:15: kernel 6.1.0-56-amd64 is listed twice (first at " + yaml
            + ":3:15); keep one of them");
  }

  @Test
  void read_syntaxError_positionOfTheParser() throws IOException {
    assertThatThrownBy(() -> read("bundle: x\nkernels:\n  - release: [6.1\n"))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(yaml + ":4:1: YAML syntax error");
  }

  @Test
  void read_tgzBundleAndHeadersPackage_formsRecognised() throws IOException {
    Files.writeString(dir.resolve("b.tgz"), "x");
    Files.writeString(dir.resolve("linux-headers-6.1.0-56-amd64_6.1.158-1_amd64.deb"), "x");
    StackDescription s = read("""
        bundle: b.tgz
        kernels:
          - release: 6.1.0-56-amd64
            headers: linux-headers-6.1.0-56-amd64_6.1.158-1_amd64.deb
        dependents:
          - {name: tree, source: headers-56, provider: ofa-like}
        output: {format: rpm, directory: out, repository: none}
        """);

    assertThat(s.bundle().form()).isEqualTo(BundleSource.Form.TGZ);
    assertThat(s.kernels().get(0).headersForm()).isEqualTo(TargetKernel.HeadersForm.DEB);
    assertThat(s.dependents().get(0).sourceForm()).isEqualTo(Dependent.SourceForm.TREE);
    assertThat(s.output().repository()).isEqualTo(OutputSpec.RepositoryKind.NONE);
    assertThat(List.of(s.kernel("6.1.0-56-amd64").isPresent(), s.kernel("x").isPresent()))
        .containsExactly(true, false);
  }
}
