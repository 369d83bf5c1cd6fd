package dev.rdmaforge.it.kabi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.testkit.DebianKernel;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Rdmaforge;
import dev.rdmaforge.testkit.kabi.KernelProvidesRpm;
import dev.rdmaforge.testkit.kabi.RpmInstallTest;
import dev.rdmaforge.testkit.packages.BuiltPackages;
import dev.rdmaforge.testkit.packages.DebianKernelDebs;
import dev.rdmaforge.testkit.packages.KmodPackage;
import dev.rdmaforge.testkit.packages.KmodPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The matrix's RPM column against the real {@code rpm}: for every kmod RPM of the test kit (both
 * 6.1 ABIs it compiles for) on every 6.1 kernel it has, rdmaforge's list of unmet {@code
 * kernel(sym) = 0xCRC} requirements must be exactly what {@code rpm --root SCRATCH -i --test}
 * reports when the scratch database holds the kernel's provides (one {@code kernel(sym) = 0xCRC}
 * per export of the kernel's own Module.symvers, as RHEL's kernel packages provide them).
 *
 * <p>This is the site's question before a kernel update ("will yum let me install OFED's kmods on
 * the new kernel?"), and rdmaforge answers it from the Debian kernel package itself (vmlinuz and
 * module files), while rpm answers from the headers' Module.symvers: agreement also shows that the
 * exports rdmaforge reads from the image are the ones the kernel was built with.
 */
class KabiRpmOracleIT {
  @TempDir Path scratch;

  @Test
  void unmetKernelSymbolRequirementsAreTheOnesRpmReports() throws Exception {
    List<DebianKernel> kernels = List.of(DebianKernels.oldest61(), DebianKernels.newest61());
    List<Path> rpms = new ArrayList<>();
    for (DebianKernel kernel : kernels) {
      BuiltPackages built = KmodPackages.forKernel(kernel);
      for (KmodPackage pkg : KmodPackage.values()) {
        Path dir = Files.createDirectories(scratch.resolve("packages").resolve(kernel.release()));
        rpms.add(Files.copy(built.rpm(pkg), dir.resolve(built.rpm(pkg).getFileName())));
      }
    }
    List<String> args = new ArrayList<>(List.of("kabi", "--json", "--kernels"));
    for (DebianKernel kernel : kernels) {
      args.add(DebianKernelDebs.image(kernel.release()).toString());
    }
    args.add("--packages");
    rpms.forEach(p -> args.add(p.toString()));
    ProcessResult run = Rdmaforge.run(args);
    assertThat(run.exitCode()).as(run.describe()).isZero();
    JsonNode matrix = JsonMapper.builder().build().readTree(run.stdout());
    assertThat(matrix.get("schema").asInt()).isEqualTo(1);

    Map<String, String> labelOfFile = new HashMap<>();
    for (JsonNode pkg : matrix.get("packages")) {
      labelOfFile.put(Path.of(pkg.get("file").asText()).toRealPath().toString(),
          pkg.get("label").asText());
    }
    int compared = 0;
    for (DebianKernel kernel : kernels) {
      RpmInstallTest rpm = RpmInstallTest.prepare(KernelProvidesRpm.forRelease(kernel.release()),
          Files.createDirectories(scratch.resolve("rpmroot").resolve(kernel.release())));
      for (Path file : rpms) {
        Set<String> theirs = new TreeSet<>();
        for (List<String> unmet : rpm.unmet(List.of(file)).values()) {
          unmet.stream().filter(r -> r.startsWith("kernel(")).forEach(theirs::add);
        }
        String label = labelOfFile.get(file.toRealPath().toString());
        assertThat(label).as("the matrix lists " + file).isNotNull();
        JsonNode cell = cell(matrix, label, kernel.release());
        JsonNode ours = cell.get("rpm");
        Set<String> oursUnmet = new TreeSet<>();
        ours.get("unsatisfied").forEach(r -> oursUnmet.add(r.asText()));
        assertThat(oursUnmet).as(label + " on " + kernel.release() + " (rpm -i --test: "
            + rpm.command(List.of(file)) + ")").isEqualTo(theirs);
        assertThat(ours.get("satisfied").asBoolean()).as(label + " on " + kernel.release())
            .isEqualTo(theirs.isEmpty());
        compared++;
      }
    }
    assertThat(compared).isEqualTo(kernels.size() * rpms.size());
  }

  private static JsonNode cell(JsonNode matrix, String label, String release) {
    for (JsonNode cell : matrix.get("cells")) {
      if (cell.get("package").asText().equals(label)
          && cell.get("kernel").asText().equals(release)) {
        return cell;
      }
    }
    throw new AssertionError("no cell for " + label + " on " + release + " in the matrix");
  }
}
