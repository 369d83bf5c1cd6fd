package dev.rdmaforge.it.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.build.precheck.KernelFinding;
import dev.rdmaforge.build.precheck.PreCheckRequest;
import dev.rdmaforge.build.precheck.PreCheckResult;
import dev.rdmaforge.build.precheck.PreChecks;
import dev.rdmaforge.pkg.repo.Repositories;
import dev.rdmaforge.report.Location;
import dev.rdmaforge.stack.KernelInputs;
import dev.rdmaforge.stack.StackDescription;
import dev.rdmaforge.stack.StackDescriptions;
import dev.rdmaforge.stack.TargetKernel;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.repos.MlnxBundles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pre-build checks on the real Debian 12 headers of both installed 6.1 ABIs
 * (/usr/src/linux-headers-6.1.0-47-amd64 and -56-amd64) and a bundle built for 6.1.0-47 whose
 * kernel package ships mlx5_core.ko and ib_core.ko (made with dpkg-deb): the site that points the
 * 6.1.0-56 rebuild at last month's headers, the Azure-style kernel with CONFIG_MLX5_CORE=y, and
 * the kernels that need no rebuild at all.
 */
class StackPreChecksIT {
  static final String OLD = "6.1.0-47-amd64";
  static final String NEW = "6.1.0-56-amd64";
  static final Path OLD_HEADERS = Path.of("/usr/src/linux-headers-" + OLD);
  static final Path NEW_HEADERS = Path.of("/usr/src/linux-headers-" + NEW);

  @TempDir Path dir;
  Path bundle;

  @BeforeEach
  void bundle() throws IOException {
    Path root = Files.createDirectories(dir.resolve("pkg"));
    Path modules = Files.createDirectories(root.resolve("lib/modules/" + OLD
        + "/updates/dkms"));
    Files.writeString(modules.resolve("mlx5_core.ko"), "not read by the checks");
    Files.writeString(modules.resolve("ib_core.ko"), "not read by the checks");
    Files.createDirectories(root.resolve("DEBIAN"));
    Files.writeString(root.resolve("DEBIAN/control"), "Package: ofa-like-modules\n"
        + "Version: 5.8-1\nArchitecture: amd64\nMaintainer: rdmaforge tests <t@example.org>\n"
        + "Description: ofa-like kernel modules for " + OLD + "\n");
    Path deb = dir.resolve("ofa-like-modules_5.8-1_amd64.deb");
    Processes.runChecked(dir, List.of("dpkg-deb", "--root-owner-group", "-b", root.toString(),
        deb.toString()));
    bundle = MlnxBundles.make(dir.resolve("MLNX_OFED_LINUX-5.8-debian12.1-x86_64"),
        "5.8-rdmaforge", "debian12.1", List.of(OLD), "DEBS", Map.of("COMMON", List.of(deb)));
  }

  private StackDescription stack(String kernels) throws IOException {
    Path yaml = dir.resolve("stack.yaml");
    Files.writeString(yaml, "bundle: " + bundle + "\nkernels:\n" + kernels
        + "output: {format: deb, directory: out}\n");
    return StackDescriptions.read(yaml);
  }

  private PreCheckResult run(StackDescription stack) {
    List<KernelInputs> inputs = new ArrayList<>();
    for (TargetKernel k : stack.kernels()) {
      inputs.add(KernelInputs.of(k, dir.resolve("work-" + k.release())));
    }
    return PreChecks.run(new PreCheckRequest(stack, Repositories.open(bundle), inputs));
  }

  /** The oracle: the first symbol of {@code kernel}'s file whose CRC {@code headers} differs in. */
  private static Map.Entry<Integer, String> firstDiffering(Path kernel, Path headers)
      throws IOException {
    Map<String, String> crcs = new HashMap<>();
    for (String line : Files.readAllLines(headers, StandardCharsets.ISO_8859_1)) {
      String[] f = line.split("\t");
      crcs.put(f[1], f[0]);
    }
    List<String> lines = Files.readAllLines(kernel, StandardCharsets.ISO_8859_1);
    for (int i = 0; i < lines.size(); i++) {
      String[] f = lines.get(i).split("\t");
      if (crcs.containsKey(f[1]) && !crcs.get(f[1]).equals(f[0])) {
        return Map.entry(i + 1, f[1]);
      }
    }
    throw new AssertionError("no differing CRC");
  }

  @Test
  void run_headersOf47GivenFor56_refusedNamingTheReleaseAndASymbol() throws IOException {
    PreCheckResult r = run(stack("  - release: " + NEW + "\n    headers: " + OLD_HEADERS
        + "\n    symvers: " + NEW_HEADERS.resolve("Module.symvers") + "\n"));
    Map.Entry<Integer, String> first = firstDiffering(NEW_HEADERS.resolve("Module.symvers"),
        OLD_HEADERS.resolve("Module.symvers"));

    assertThat(r.refused()).isTrue();
    assertThat(r.findings()).extracting(f -> f.finding().rule())
        .containsExactly("RF-STK-004", "RF-STK-005");
    KernelFinding release = r.findings().get(0);
    assertThat(release.kernel()).isEqualTo(NEW);
    assertThat(release.finding().location()).isEqualTo(
        Location.at(OLD_HEADERS.resolve("include/generated/utsrelease.h").toString(), 1));
    assertThat(release.finding().message()).contains("are of kernel " + OLD + ", not of " + NEW);
    KernelFinding crcs = r.findings().get(1);
    assertThat(crcs.finding().location()).isEqualTo(
        Location.at(NEW_HEADERS.resolve("Module.symvers").toString(), first.getKey()));
    assertThat(crcs.finding().message()).contains("symbols have other CRCs, first "
        + first.getValue() + " (kernel 0x");
    assertThat(crcs.finding().fix()).startsWith("give the headers built with this kernel");
  }

  @Test
  void run_ownHeadersOfBothKernels_56NeedsARebuild47IsAlreadySupported() throws IOException {
    PreCheckResult r = run(stack("  - {release: " + NEW + ", headers: " + NEW_HEADERS + "}\n"
        + "  - {release: " + OLD + ", headers: " + OLD_HEADERS + "}\n"));

    assertThat(r.refused()).isFalse();
    assertThat(r.forKernel(NEW)).isEmpty();
    assertThat(r.forKernel(OLD)).singleElement().satisfies(f -> {
      assertThat(f.finding().rule()).isEqualTo("RF-STK-003");
      assertThat(f.finding().location())
          .isEqualTo(Location.at(bundle.resolve(".supported_kernels").toString(), 1));
    });
  }

  @Test
  void run_realConfigEditedToBuildMlx5CoreIn_refusedAtThatLine() throws IOException {
    List<String> config = Files.readAllLines(NEW_HEADERS.resolve(".config"),
        StandardCharsets.ISO_8859_1);
    int line = config.indexOf("CONFIG_MLX5_CORE=m") + 1;
    assertThat(line).isPositive();
    config.set(line - 1, "CONFIG_MLX5_CORE=y");
    Path edited = dir.resolve("config-" + NEW);
    Files.write(edited, config, StandardCharsets.ISO_8859_1);

    PreCheckResult r = run(stack("  - release: " + NEW + "\n    headers: " + NEW_HEADERS
        + "\n    config: " + edited + "\n"));

    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.finding().rule()).isEqualTo("RF-STK-001");
      assertThat(f.finding().location()).isEqualTo(Location.at(edited.toString(), line));
      assertThat(f.finding().message()).startsWith("kernel " + NEW + " has mlx5_core built in"
          + " (its config has CONFIG_MLX5_CORE=y), so mlx5_core.ko of"
          + " ofa-like-modules_5.8-1_amd64 can never load there");
    });
  }

  @Test
  void run_realModulesBuiltinWithIbCoreAdded_refusedAtTheAddedLine() throws IOException {
    Path real = DebianKernels.newest61().modulesDir().resolve("modules.builtin");
    List<String> lines = new ArrayList<>(Files.readAllLines(real));
    assertThat(lines).noneMatch(l -> l.endsWith("/ib_core.ko") || l.endsWith("/mlx5_core.ko"));
    lines.add("kernel/drivers/infiniband/core/ib_core.ko");
    Path edited = Files.write(dir.resolve("modules.builtin"), lines);

    PreCheckResult r = run(stack("  - release: " + NEW + "\n    headers: " + NEW_HEADERS
        + "\n    builtin: " + edited + "\n"));

    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.finding().rule()).isEqualTo("RF-STK-001");
      assertThat(f.finding().location()).isEqualTo(Location.at(edited.toString(),
          lines.size()));
      assertThat(f.finding().message()).contains("has ib_core built in (its modules.builtin"
          + " lists ib_core)");
      assertThat(f.finding().fix()).startsWith("use a kernel built with CONFIG_INFINIBAND=m");
    });
    assertThat(Optional.of(r.refused())).contains(true);
  }
}
