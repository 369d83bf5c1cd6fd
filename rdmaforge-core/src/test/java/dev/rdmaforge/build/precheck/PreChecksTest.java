package dev.rdmaforge.build.precheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.pkg.PackageFormat;
import dev.rdmaforge.pkg.PackageVersion;
import dev.rdmaforge.pkg.repo.BundleInfo;
import dev.rdmaforge.pkg.repo.Repository;
import dev.rdmaforge.pkg.repo.RepositoryFile;
import dev.rdmaforge.pkg.repo.RepositoryLayout;
import dev.rdmaforge.pkg.repo.RepositoryPackage;
import dev.rdmaforge.report.Location;
import dev.rdmaforge.report.Severity;
import dev.rdmaforge.stack.BundleSource;
import dev.rdmaforge.stack.Dependent;
import dev.rdmaforge.stack.KernelInputs;
import dev.rdmaforge.stack.OutputSpec;
import dev.rdmaforge.stack.StackDescription;
import dev.rdmaforge.stack.TargetKernel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refusals that save a 15-minute MLNX_OFED rebuild: Azure's CONFIG_MLX5_CORE=y kernel
 * (microsoft/azure-linux-kernel#28), a 6.12 backport kernel for a 6.1 bundle, headers of the
 * previous Debian ABI, and a Lustre-like dependent naming a provider the bundle lacks. The real
 * Debian headers are used in StackPreChecksIT; here small trees the test writes.
 */
class PreChecksTest {
  @TempDir Path dir;
  Path bundleDir;

  @BeforeEach
  void bundle() throws IOException {
    bundleDir = Files.createDirectories(dir.resolve("MLNX_OFED_LINUX-5.8-debian12.1-x86_64"));
    Files.writeString(bundleDir.resolve(".mlnx"), "5.8-rdmaforge\n");
    Files.writeString(bundleDir.resolve("distro"), "debian12.1\n");
    Files.writeString(bundleDir.resolve(".supported_kernels"),
        "6.1.0-47-amd64\n6.1.0-50-amd64\n");
    Files.createDirectories(bundleDir.resolve("RPMS/COMMON"));
  }

  private Repository repo(List<String> supported, String... moduleFiles) {
    List<RepositoryFile> files = java.util.Arrays.stream(moduleFiles)
        .map(f -> new RepositoryFile(f, RepositoryFile.Kind.FILE)).toList();
    Path rpm = bundleDir.resolve("RPMS/COMMON/ofa-like-modules.rpm");
    RepositoryPackage modules = new RepositoryPackage("ofa-like-modules",
        new PackageVersion(OptionalLong.empty(), "5.8", "1"), "x86_64", PackageFormat.RPM, rpm,
        "COMMON/ofa-like-modules.rpm", Optional.empty(), OptionalLong.empty(), List.of(),
        List.of(), List.of(), Optional.of(files), "COMMON", rpm);
    RepositoryPackage devel = new RepositoryPackage("ofa-like-devel",
        new PackageVersion(OptionalLong.empty(), "5.8", "1"), "x86_64", PackageFormat.RPM, rpm,
        "COMMON/ofa-like-devel.rpm", Optional.empty(), OptionalLong.empty(), List.of(),
        List.of(), List.of(), Optional.of(List.of()), "COMMON", rpm);
    BundleInfo info = new BundleInfo("5.8-rdmaforge", "debian12.1", supported,
        bundleDir.resolve("RPMS"), bundleDir.resolve(".mlnx"));
    return new Repository(RepositoryLayout.MLNX_OFED, bundleDir, List.of(modules, devel),
        List.of(), Optional.of(info));
  }

  /** A headers tree of {@code uts} with the given config and symvers lines. */
  private KernelInputs kernel(String release, String uts, String config, String symvers,
      Optional<String> givenSymvers) throws IOException {
    Path h = Files.createDirectories(dir.resolve("headers-" + release + "-" + uts));
    Files.createDirectories(h.resolve("include/generated"));
    Files.writeString(h.resolve("include/generated/utsrelease.h"),
        "#define UTS_RELEASE \"" + uts + "\"\n");
    Files.writeString(h.resolve(".config"), config);
    Files.writeString(h.resolve("Module.symvers"), symvers);
    Optional<Path> sym = Optional.empty();
    if (givenSymvers.isPresent()) {
      sym = Optional.of(Files.writeString(h.resolve("kernel.symvers"), givenSymvers.get()));
    }
    TargetKernel k = new TargetKernel(release, h, TargetKernel.HeadersForm.DIRECTORY, sym,
        Optional.empty(), Optional.empty(), Location.at("stack.yaml", 3, 5));
    return KernelInputs.of(k, dir.resolve("work"));
  }

  private StackDescription stack(List<Dependent> dependents) {
    return new StackDescription(dir.resolve("stack.yaml"),
        new BundleSource(bundleDir, BundleSource.Form.DIRECTORY, Location.at("stack.yaml", 1, 9)),
        List.of(), dependents,
        new OutputSpec(PackageFormat.RPM, dir.resolve("out"), OutputSpec.RepositoryKind.YUM),
        Optional.empty());
  }

  private PreCheckResult run(Repository repo, KernelInputs... kernels) {
    return PreChecks.run(new PreCheckRequest(stack(List.of()), repo, List.of(kernels)));
  }

  static final String SYMVERS =
      "0x11111111\tib_alloc\tvmlinux\tEXPORT_SYMBOL\t\n0x22222222\tprintk\tvmlinux\tEXPORT_SYMBOL\t\n";
  static final String MLX5 = "/lib/modules/6.1.0-47-amd64/extra/mlnx-ofa_kernel/drivers/net/"
      + "ethernet/mellanox/mlx5/core/mlx5_core.ko";

  @Test
  void run_mlx5CoreBuiltIn_refusedAtTheConfigLine() throws IOException {
    KernelInputs k = kernel("6.1.0-56-amd64", "6.1.0-56-amd64",
        "# comment\nCONFIG_INFINIBAND=m\nCONFIG_MLX5_CORE=y\n", SYMVERS, Optional.empty());

    PreCheckResult r = run(repo(List.of(), MLX5,
        "/lib/modules/6.1.0-47-amd64/extra/mlnx-ofa_kernel/drivers/infiniband/core/ib_core.ko",
        "/lib/modules/6.1.0-47-amd64/extra/mlnx-ofa_kernel/compat/mlx_compat.ko"), k);

    assertThat(r.refused()).isTrue();
    assertThat(r.findings()).hasSize(1);
    KernelFinding f = r.findings().get(0);
    assertThat(f.kernel()).isEqualTo("6.1.0-56-amd64");
    assertThat(f.finding().rule()).isEqualTo("RF-STK-001");
    assertThat(f.finding().location()).isEqualTo(Location.at(k.config().toString(), 3));
    assertThat(f.finding().message()).isEqualTo("kernel 6.1.0-56-amd64 has mlx5_core built in"
        + " (its config has CONFIG_MLX5_CORE=y), so mlx5_core.ko of ofa-like-modules-5.8-1.x86_64"
        + " can never load there and the bundle's modules that need it would meet the kernel's"
        + " own");
    assertThat(f.finding().fix()).isEqualTo("use a kernel built with CONFIG_MLX5_CORE=m, or"
        + " leave ofa-like-modules-5.8-1.x86_64 out of the stack for this kernel");
  }

  @Test
  void run_modulesBuiltinListsTheModule_refusedAtItsLine() throws IOException {
    KernelInputs k = kernel("6.1.0-56-amd64", "6.1.0-56-amd64", "CONFIG_MLX5_CORE=m\n",
        SYMVERS, Optional.empty());
    Path builtin = Files.writeString(dir.resolve("modules.builtin"),
        "kernel/lib/zlib_inflate/zlib_inflate.ko\n"
            + "kernel/drivers/net/ethernet/mellanox/mlx5/core/mlx5_core.ko\n");
    KernelInputs withBuiltin = new KernelInputs(k.kernel(), k.headers(), k.symvers(), k.config(),
        Optional.of(builtin));

    PreCheckResult r = run(repo(List.of(), MLX5), withBuiltin);

    assertThat(r.ofRule("RF-STK-001")).singleElement().satisfies(f -> {
      assertThat(f.finding().location()).isEqualTo(Location.at(builtin.toString(), 2));
      assertThat(f.finding().message()).contains("(its modules.builtin lists mlx5_core)");
    });
  }

  @Test
  void run_driversAsModules_noRefusal() throws IOException {
    KernelInputs k = kernel("6.1.0-56-amd64", "6.1.0-56-amd64",
        "CONFIG_INFINIBAND=m\nCONFIG_MLX5_CORE=m\n", SYMVERS, Optional.empty());

    assertThat(run(repo(List.of(), MLX5), k).findings()).isEmpty();
  }

  @Test
  void run_kernelInSupportedKernels_alreadySupportedInfo() throws IOException {
    KernelInputs k = kernel("6.1.0-50-amd64", "6.1.0-50-amd64", "", SYMVERS, Optional.empty());

    PreCheckResult r = run(repo(List.of("6.1.0-47-amd64", "6.1.0-50-amd64"), MLX5), k);

    assertThat(r.refused()).isFalse();
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.finding().rule()).isEqualTo("RF-STK-003");
      assertThat(f.finding().severity()).isEqualTo(Severity.INFO);
      assertThat(f.finding().location())
          .isEqualTo(Location.at(bundleDir.resolve(".supported_kernels").toString(), 2));
    });
  }

  @Test
  void run_newerSeriesThanSupported_refusedAtTheNewestSupportedKernel() throws IOException {
    KernelInputs k = kernel("6.12.117+deb12-amd64", "6.12.117+deb12-amd64", "", SYMVERS,
        Optional.empty());
    KernelInputs same = kernel("6.1.0-56-amd64", "6.1.0-56-amd64", "", SYMVERS,
        Optional.empty());

    PreCheckResult r = run(repo(List.of(), MLX5), k, same);

    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.kernel()).isEqualTo("6.12.117+deb12-amd64");
      assertThat(f.finding().rule()).isEqualTo("RF-STK-002");
      assertThat(f.finding().location())
          .isEqualTo(Location.at(bundleDir.resolve(".supported_kernels").toString(), 1));
      assertThat(f.finding().message()).isEqualTo("kernel 6.12.117+deb12-amd64 (series 6.12)"
          + " is newer than MLNX_OFED 5.8-rdmaforge supports: its .supported_kernels go up to"
          + " 6.1");
    });
  }

  @Test
  void run_noSupportedKernels_distroDecides() throws IOException {
    Files.delete(bundleDir.resolve(".supported_kernels"));
    KernelInputs k = kernel("6.12.117+deb12-amd64", "6.12.117+deb12-amd64", "", SYMVERS,
        Optional.empty());

    PreCheckResult r = run(repo(List.of(), MLX5), k);

    assertThat(r.ofRule("RF-STK-002")).singleElement().satisfies(f -> {
      assertThat(f.finding().location())
          .isEqualTo(Location.at(bundleDir.resolve("distro").toString(), 1));
      assertThat(f.finding().message()).contains("its distro debian12.1 (kernel 6.1) go up to");
    });
  }

  @Test
  void run_headersOfAnotherKernel_refusedNamingTheRelease() throws IOException {
    KernelInputs k = kernel("6.1.0-56-amd64", "6.1.0-47-amd64", "", SYMVERS, Optional.empty());

    PreCheckResult r = run(repo(List.of(), MLX5), k);

    assertThat(r.ofRule("RF-STK-004")).singleElement().satisfies(f -> {
      assertThat(f.finding().location()).isEqualTo(Location.at(
          k.headers().resolve("include/generated/utsrelease.h").toString(), 1));
      assertThat(f.finding().message()).isEqualTo("the headers " + k.headers() + " are of"
          + " kernel 6.1.0-47-amd64, not of 6.1.0-56-amd64: modules built there would carry"
          + " vermagic 6.1.0-47-amd64");
    });
  }

  @Test
  void run_kernelReleaseFileWhenNoUtsRelease() throws IOException {
    KernelInputs k = kernel("5.14.0-362.el9.x86_64", "x", "", SYMVERS, Optional.empty());
    Files.delete(k.headers().resolve("include/generated/utsrelease.h"));
    Files.createDirectories(k.headers().resolve("include/config"));
    Files.writeString(k.headers().resolve("include/config/kernel.release"),
        "5.14.0-284.el9.x86_64\n");

    assertThat(run(repo(List.of(), MLX5), k).ofRule("RF-STK-004")).singleElement()
        .satisfies(f -> assertThat(f.finding().message()).contains("are of kernel"
            + " 5.14.0-284.el9.x86_64, not of 5.14.0-362.el9.x86_64"));
  }

  @Test
  void run_symversWithOtherCrcs_refusedNamingTheFirstSymbolAndItsLine() throws IOException {
    KernelInputs k = kernel("6.1.0-56-amd64", "6.1.0-56-amd64", "", SYMVERS, Optional.of(
        "0x11111111\tib_alloc\tvmlinux\tEXPORT_SYMBOL\t\n"
            + "0x33333333\tprintk\tvmlinux\tEXPORT_SYMBOL\t\n"
            + "0x44444444\tnew_sym\tvmlinux\tEXPORT_SYMBOL\t\n"));

    PreCheckResult r = run(repo(List.of(), MLX5), k);

    assertThat(r.ofRule("RF-STK-005")).singleElement().satisfies(f -> {
      assertThat(f.finding().location()).isEqualTo(Location.at(k.symvers().toString(), 2));
      assertThat(f.finding().message()).isEqualTo("the headers' Module.symvers ("
          + k.headers().resolve("Module.symvers") + ") does not match kernel 6.1.0-56-amd64's ("
          + k.symvers() + "): 1 symbols have other CRCs, first printk (kernel 0x33333333,"
          + " headers 0x22222222); 1 exports of the kernel are not in the headers and 0"
          + " exports of the headers are not in the kernel");
    });
  }

  @Test
  void run_dependentProviderNotInBundle_refusedAtItsYamlLineWithTheNearestName()
      throws IOException {
    Dependent lustre = new Dependent("lustre-like", dir, Dependent.SourceForm.TREE,
        "ofa-like-devl", List.of(), Location.at("stack.yaml", 8, 5),
        Location.at("stack.yaml", 10, 15));

    PreCheckResult r = PreChecks.run(new PreCheckRequest(stack(List.of(lustre)),
        repo(List.of(), MLX5), List.of()));

    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.kernel()).isEmpty();
      assertThat(f.toString()).isEqualTo("stack.yaml:10:15: error RF-STK-006: dependent"
          + " lustre-like builds against 'ofa-like-devl', which the bundle " + bundleDir
          + " does not have (fix: perhaps you meant 'ofa-like-devel')");
    });
  }

  @Test
  void run_dependentNamesTheSourceNotThePackage_fixListsThePackagesBuiltFromIt()
      throws IOException {
    // The usual slip: the source's name (as MLNX_OFED calls mlnx-ofa_kernel) instead of the
    // binary package the dependent builds against.
    Dependent lustre = new Dependent("lustre-like", dir, Dependent.SourceForm.TREE,
        "ofa-like", List.of(), Location.at("stack.yaml", 8, 5),
        Location.at("stack.yaml", 10, 15));

    PreCheckResult r = PreChecks.run(new PreCheckRequest(stack(List.of(lustre)),
        repo(List.of(), MLX5), List.of()));

    assertThat(r.findings()).singleElement().satisfies(f -> assertThat(f.toString())
        .contains("builds against 'ofa-like'")
        .contains("(fix: name the kernel package itself, one of ")
        .contains("ofa-like-devel"));
  }
}
