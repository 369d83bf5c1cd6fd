package dev.rdmaforge.it.kabi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rdmaforge.kabi.KabiCell;
import dev.rdmaforge.kabi.KabiKernel;
import dev.rdmaforge.kabi.KabiMatrix;
import dev.rdmaforge.kabi.KabiMatrixBuilder;
import dev.rdmaforge.kabi.KabiModule;
import dev.rdmaforge.kabi.KabiPackage;
import dev.rdmaforge.kabi.KabiRequest;
import dev.rdmaforge.kabi.KernelInput;
import dev.rdmaforge.kernel.KernelExport;
import dev.rdmaforge.kernel.SymversFile;
import dev.rdmaforge.testkit.DebianKernel;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Rdmaforge;
import dev.rdmaforge.testkit.packages.DebianKernelDebs;
import dev.rdmaforge.testkit.packages.KmodPackage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The matrix on real packages and real Debian kernel packages: the test kit's kmod RPMs and DEBs of
 * the oldest and newest 6.1 ABIs on the oldest and newest 6.1 kernels, the 6.1 ABI that shares the
 * newest's exports (a site's "security update without ABI change": the weak-updates case) and a
 * 6.12 kernel (a new series: nothing built for 6.1 may load). The real-world question: "after this
 * kernel update, which of my vendor's kmod packages still load, and does yum agree?"
 */
class KabiMatrixIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path dir;
  static Path cache;
  static DebianKernel oldest;
  static DebianKernel newest;

  @BeforeAll
  static void kernels() throws Exception {
    oldest = DebianKernels.oldest61();
    newest = DebianKernels.newest61();
    cache = Files.createDirectories(dir.resolve("cache"));
  }

  @Test
  void everyPackageOnEveryKernelAsTheKernelDecides() throws Exception {
    String sameAbi = KabiInputs.sameAbiAsNewest();
    String series612 = DebianKernels.series612().release();
    List<String> releases = new ArrayList<>(List.of(oldest.release(), newest.release()));
    if (sameAbi != null) {
      releases.add(sameAbi);
    }
    releases.add(series612);
    List<String> args = new ArrayList<>(List.of("kabi", "--json", "--cache", cache.toString(),
        "--kernels"));
    for (String r : releases) {
      args.add(DebianKernelDebs.image(r).toString());
    }
    args.add("--packages");
    KabiInputs.all(dir.resolve("packages"));
    args.add(dir.resolve("packages").toString());
    ProcessResult run = Rdmaforge.run(args);
    assertThat(run.exitCode()).as(run.describe()).isZero();
    JsonNode m = JSON.readTree(run.stdout());
    assertThat(m.get("schema").asInt()).isEqualTo(1);
    assertThat(m.get("kernels")).hasSize(releases.size());
    m.get("kernels").forEach(k -> assertThat(k.get("kind").asString()).isEqualTo("package"));
    assertThat(m.get("packages")).hasSize(16);
    assertThat(m.get("cells")).hasSize(16 * releases.size());

    Map<String, String> builtFor = new HashMap<>();
    Map<String, String> name = new HashMap<>();
    for (JsonNode p : m.get("packages")) {
      builtFor.put(p.get("label").asString(), p.get("builtFor").asString());
      name.put(p.get("label").asString(), p.get("name").asString());
    }
    for (JsonNode c : m.get("cells")) {
      String label = c.get("package").asString();
      String kernel = c.get("kernel").asString();
      String verdict = c.get("verdict").asString();
      String why = label + " on " + kernel + ": " + c;
      String own = builtFor.get(label);
      if (kernel.equals(own)) {
        assertThat(verdict).as(why).isEqualTo("loads");
      } else if (own.equals(newest.release()) && kernel.equals(sameAbi)) {
        assertThat(verdict).as(why).isEqualTo("loads-via-weak-updates");
      } else {
        // 6.1.0-47 and -56 differ in module_layout; 6.12 is another series.
        assertThat(verdict).as(why).isNotIn("loads", "loads-via-weak-updates");
      }
      if (!kernel.equals(own) && kernel.startsWith("6.1.0-") && !kernel.equals(sameAbi)
          && name.get(label).contains("provider") && !name.get(label).contains("v2")) {
        assertThat(verdict).as(why).isEqualTo("symbol-version-mismatch");
        JsonNode module = c.get("modules").get(0);
        assertThat(module.get("symbols").get(0).asString()).isEqualTo("module_layout");
        assertThat(module.get("mismatches").get(0).get("moduleCrc").asString())
            .as(why).isNotEqualTo(module.get("mismatches").get(0).get("providerCrc").asString());
      }
      if (name.get(label).startsWith("kmod-")) {
        // With every provider given, RPM's kernel(sym) verdict is the kernel's.
        assertThat(c.get("rpm").get("agrees").asBoolean()).as(why).isTrue();
      } else {
        assertThat(c.get("rpm").isNull()).as(why).isTrue();
      }
    }
  }

  @Test
  void aMissingProviderIsAnUnknownSymbolAndAWrongOneAVersionMismatch() throws Exception {
    Path consumers = KabiInputs.copy(newest, KmodPackage.CONSUMERS, true, dir.resolve("alone"));
    Path v2 = KabiInputs.copy(newest, KmodPackage.PROVIDER_V2, true, dir.resolve("v2"));
    String image = DebianKernelDebs.image(newest.release()).toString();

    JsonNode alone = run("--kernels", image, "--packages", consumers.toString());
    JsonNode cell = alone.get("cells").get(0);
    assertThat(cell.get("verdict").asString()).as(cell.toString()).isEqualTo("unknown-symbol");
    assertThat(cell.get("modules").get(0).get("symbols").get(0).asString())
        .isEqualTo("provider_fn");
    // rpm only sees kernel(sym): it would install consumers without a provider.
    assertThat(cell.get("rpm").get("satisfied").asBoolean()).isTrue();
    assertThat(cell.get("rpm").get("agrees").asBoolean()).isFalse();

    JsonNode wrong = run("--kernels", image, "--packages", consumers.toString(), v2.toString());
    JsonNode consumerCell = wrong.get("cells").get(0);
    assertThat(consumerCell.get("verdict").asString()).as(consumerCell.toString())
        .isEqualTo("symbol-version-mismatch");
    JsonNode consumer = consumerCell.get("modules").get(0);
    assertThat(consumer.get("symbols").get(0).asString()).isEqualTo("provider_fn");
    assertThat(consumer.get("mismatches").get(0).get("moduleCrc").asString())
        .isEqualTo("0xf96caa5e");
    assertThat(consumer.get("mismatches").get(0).get("providerCrc").asString())
        .isEqualTo("0x3d298f15");
    assertThat(wrong.get("cells").get(1).get("verdict").asString()).isEqualTo("loads");
  }

  @Test
  void symversKernelsDecideTheSameCellsAsKernelPackages() throws Exception {
    List<Path> packages = KabiInputs.all(dir.resolve("packages"));
    List<KernelInput> debs = new ArrayList<>();
    List<KernelInput> symvers = new ArrayList<>();
    for (DebianKernel k : List.of(oldest, newest)) {
      Path headers = Path.of("/usr/src/linux-headers-" + k.release(), "Module.symvers");
      assumeTrue(Files.isRegularFile(headers), "linux-headers-" + k.release() + " installed");
      debs.add(new KernelInput(DebianKernelDebs.image(k.release()), null));
      symvers.add(new KernelInput(headers, null));
    }
    KabiMatrix fromDebs = KabiMatrixBuilder.create().build(new KabiRequest(debs, packages, cache));
    KabiMatrix fromSymvers =
        KabiMatrixBuilder.create().build(new KabiRequest(symvers, packages, cache));
    assertThat(fromSymvers.kernels()).extracting(k -> k.kind().id()).containsOnly("symvers");
    assertThat(fromSymvers.checkerRuns()).isZero();

    // The exports read from vmlinuz and the module files are the headers' Module.symvers.
    for (int i = 0; i < 2; i++) {
      KabiKernel k = fromDebs.kernels().get(i);
      Map<String, KernelExport> headers = SymversFile.read(symvers.get(i).file());
      assertThat(k.exports().keySet()).isEqualTo(headers.keySet());
      for (KernelExport e : headers.values()) {
        KernelExport ours = k.exports().get(e.name());
        assertThat(ours.crc()).as(e.name()).isEqualTo(e.crc());
        assertThat(ours.gplOnly()).as(e.name()).isEqualTo(e.gplOnly());
        assertThat(ours.inVmlinux()).as(e.name()).isEqualTo(e.inVmlinux());
      }
    }
    assertThat(fromSymvers.cells()).hasSameSizeAs(fromDebs.cells());
    for (int i = 0; i < fromDebs.cells().size(); i++) {
      KabiCell a = fromDebs.cells().get(i);
      KabiCell b = fromSymvers.cells().get(i);
      assertThat(b.pkg()).isEqualTo(a.pkg());
      assertThat(b.verdict()).as(a.pkg() + " on " + a.kernel()).isEqualTo(a.verdict());
      for (int j = 0; j < a.modules().size(); j++) {
        KabiModule x = a.modules().get(j);
        KabiModule y = b.modules().get(j);
        assertThat(y.verdict()).as(a.pkg() + " " + x.name() + " on " + a.kernel())
            .isEqualTo(x.verdict());
        assertThat(y.symbols()).as(a.pkg() + " " + x.name()).isEqualTo(x.symbols());
      }
      assertThat(b.rpm()).isEqualTo(a.rpm());
    }
    for (KabiPackage p : fromDebs.packages()) {
      assertThat(p.builtFor()).isIn(oldest.release(), newest.release());
    }
  }

  private static JsonNode run(String... rest) {
    List<String> args = new ArrayList<>(List.of("kabi", "--json", "--cache", cache.toString()));
    args.addAll(List.of(rest));
    ProcessResult r = Rdmaforge.run(args);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return JSON.readTree(r.stdout());
  }
}
