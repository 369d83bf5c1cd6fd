package dev.rdmaforge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.kmod.ExportedSymbol;
import dev.rdmaforge.kmod.ModinfoEntry;
import dev.rdmaforge.kmod.ModuleFile;
import dev.rdmaforge.kmod.ModuleReader;
import dev.rdmaforge.kmod.ModuleSignature;
import dev.rdmaforge.kmod.SymbolVersion;
import dev.rdmaforge.testkit.DebianKernel;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ModuleReader} on real Debian kernels (the test kit's 6.1 and 6.12 trees; 6.12's modules
 * are {@code .ko.xz}) against the real tools: kmod 30's {@code modinfo} and {@code modprobe
 * --dump-modversions} for a sample that always includes ib_core, mlx5_core and mlx5_ib, and the
 * headers' {@code Module.symvers} for every module's exports. Needs the Debian package kmod.
 */
class ModuleReaderIT {
  /** Every how-many-th module (in path order) joins the sample compared with the real tools. */
  private static final int SAMPLE_STRIDE = 40;
  private static final Set<String> ALWAYS_SAMPLED = Set.of("ib_core", "mlx5_core", "mlx5_ib");

  private final ModuleReader reader = new ModuleReader();

  static Stream<Named<DebianKernel>> kernels() {
    return DebianKernels.all().stream().map(k -> Named.of(k.release(), k));
  }

  static Stream<Named<DebianKernel>> kernelsWithHeaders() {
    return kernels().filter(k -> k.getPayload().headersSymvers().isPresent());
  }

  private static List<Path> moduleFiles(DebianKernel kernel) throws IOException {
    try (Stream<Path> files = Files.walk(kernel.modulesDir())) {
      return files.filter(Files::isRegularFile)
          .filter(p -> ModuleReader.isModuleFileName(p.getFileName().toString()))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private static List<Path> sample(DebianKernel kernel) throws IOException {
    List<Path> all = moduleFiles(kernel);
    List<Path> sample = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      String name = ModuleReader.moduleNameOf(all.get(i).toString());
      if (i % SAMPLE_STRIDE == 0 || ALWAYS_SAMPLED.contains(name)) {
        sample.add(all.get(i).toAbsolutePath());
      }
    }
    assertThat(sample).extracting(p -> ModuleReader.moduleNameOf(p.toString()))
        .as("the RDMA modules are in every Debian kernel").containsAll(ALWAYS_SAMPLED);
    return sample;
  }

  private Map<Path, ModuleFile> readAll(List<Path> files) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<ModuleFile>> futures = new ArrayList<>();
      for (Path file : files) {
        futures.add(pool.submit(() -> reader.read(file)));
      }
      Map<Path, ModuleFile> modules = new HashMap<>();
      for (int i = 0; i < files.size(); i++) {
        try {
          modules.put(files.get(i), futures.get(i).get());
        } catch (ExecutionException e) {
          throw new AssertionError("reading " + files.get(i) + " failed", e.getCause());
        }
      }
      return modules;
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kernels")
  @DisplayName("every module of a distribution kernel reads without error, with its vermagic")
  void read_wholeTree_everyModuleReads(DebianKernel kernel) throws Exception {
    List<Path> files = moduleFiles(kernel);

    Map<Path, ModuleFile> modules = readAll(files);

    assertThat(files).hasSizeGreaterThan(3000);
    for (ModuleFile module : modules.values()) {
      assertThat(module.firstModinfo("vermagic")).as(module.path().toString())
          .hasValueSatisfying(v -> assertThat(v).startsWith(kernel.release() + " "));
      assertThat(module.signature()).as(module.path().toString()).isPresent();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kernels")
  @DisplayName("modinfo -0: every entry and the signature fields, byte for byte (parm by name)")
  void modinfo_sample_sameAsKmodModinfo(DebianKernel kernel) throws Exception {
    Path modinfo = Tools.require("modinfo", "kmod", Path.of("/usr/sbin/modinfo"));
    List<Path> sample = sample(kernel);
    List<String> command = new ArrayList<>(List.of(modinfo.toString(), "-0"));
    sample.forEach(p -> command.add(p.toString()));

    ProcessResult result = Processes.run(null, command);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    Map<String, List<String>> actual = splitByFile(result.stdout());
    Map<Path, ModuleFile> modules = readAll(sample);
    assertThat(actual.keySet()).hasSameSizeAs(sample);
    for (Path file : sample) {
      List<String> records = actual.get(file.toString());
      assertThat(records).as("modinfo printed %s", file).isNotNull();
      ModuleFile module = modules.get(file);
      assertThat(withoutParms(records)).as("modinfo -0 %s", file)
          .containsExactlyElementsOf(expectedRecords(module));
      assertThat(parmNames(records)).as("parameters of %s", file)
          .isEqualTo(expectedParmNames(module));
    }
  }

  /** Splits {@code modinfo -0} output into each file's records, keyed by the filename record. */
  private static Map<String, List<String>> splitByFile(String output) {
    Map<String, List<String>> byFile = new HashMap<>();
    List<String> current = null;
    for (String record : output.split("\0", -1)) {
      if (record.startsWith("filename:")) {
        current = new ArrayList<>();
        byFile.put(record.substring("filename:".length()).strip(), current);
      } else if (current != null && !record.isEmpty()) {
        current.add(record);
      }
    }
    return byFile;
  }

  private static List<String> withoutParms(List<String> records) {
    return records.stream().filter(r -> !r.startsWith("parm:")).collect(Collectors.toList());
  }

  private static Set<String> parmNames(List<String> records) {
    Set<String> names = new TreeSet<>();
    for (String record : records) {
      if (record.startsWith("parm:")) {
        String rest = record.substring("parm:".length()).stripLeading();
        names.add(rest.substring(0, rest.indexOf(':')));
      }
    }
    return names;
  }

  private static Set<String> expectedParmNames(ModuleFile module) {
    Set<String> names = new TreeSet<>();
    for (ModinfoEntry entry : module.modinfo()) {
      if ((entry.key().equals("parm") || entry.key().equals("parmtype"))
          && entry.value().contains(":")) {
        names.add(utf8(entry.value().substring(0, entry.value().indexOf(':'))));
      }
    }
    return names;
  }

  /** What {@code modinfo -0} prints after the filename, parameters left out. */
  private static List<String> expectedRecords(ModuleFile module) {
    List<String> records = new ArrayList<>();
    for (ModinfoEntry entry : module.modinfo()) {
      if (!entry.key().equals("parm") && !entry.key().equals("parmtype")) {
        records.add(utf8(entry.key() + "=" + entry.value()));
      }
    }
    if (module.hasModinfoSection() && module.signature().isPresent()) {
      ModuleSignature signature = module.signature().get();
      records.add("sig_id=" + signature.idType());
      records.add(utf8("signer=" + signature.signer()));
      records.add("sig_key=" + signature.keyIdHex());
      records.add("sig_hashalgo=" + signature.hashAlgorithm());
      records.add("signature=" + signature.signatureHex());
    }
    return records;
  }

  /** The reader keeps one char per byte; the process output was decoded as UTF-8. */
  private static String utf8(String latin1) {
    return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kernels")
  @DisplayName("modprobe --dump-modversions: the __versions table, and every entry is a dependency")
  void versions_sample_sameAsDumpModversions(DebianKernel kernel) throws Exception {
    Path modprobe = Tools.require("modprobe", "kmod", Path.of("/usr/sbin/modprobe"));
    List<Path> sample = sample(kernel);
    Map<Path, ModuleFile> modules = readAll(sample);

    for (Path file : sample) {
      ProcessResult result =
          Processes.run(null, List.of(modprobe.toString(), "--dump-modversions", file.toString()));
      assertThat(result.exitCode()).as(result.describe()).isZero();
      ModuleFile module = modules.get(file);
      StringBuilder expected = new StringBuilder();
      for (SymbolVersion version : module.versions()) {
        expected.append(String.format("0x%08x\t%s%n", version.crc(), utf8(version.name())));
      }
      assertThat(result.stdout()).as("modprobe --dump-modversions %s", file)
          .isEqualTo(expected.toString());
      Set<String> dependencies = module.dependencySymbols().stream()
          .map(d -> d.name() + " " + d.crc()).collect(Collectors.toCollection(LinkedHashSet::new));
      for (SymbolVersion version : module.versions()) {
        assertThat(dependencies).as("dependency symbols of %s", file)
            .contains(version.name() + " " + version.crc());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kernelsWithHeaders")
  @DisplayName("every module's exports, CRCs and GPL flags match the headers' Module.symvers")
  void exports_wholeTree_sameAsModuleSymvers(DebianKernel kernel) throws Exception {
    Map<String, Set<String>> symvers = new HashMap<>();
    for (String line : Files.readAllLines(kernel.requireSymvers(), StandardCharsets.ISO_8859_1)) {
      String[] fields = line.split("\t", -1);
      long crc = Long.parseUnsignedLong(fields[0].substring(2), 16);
      symvers.computeIfAbsent(fields[2], m -> new TreeSet<>())
          .add(describe(fields[1], crc, fields[3].equals("EXPORT_SYMBOL_GPL")));
    }
    List<Path> files = moduleFiles(kernel);
    Map<Path, ModuleFile> modules = readAll(files);

    int compared = 0;
    for (Path file : files) {
      String relative = kernel.modulesDir().relativize(file).toString();
      if (!relative.startsWith("kernel/")) {
        continue;
      }
      String symversModule = relative.substring("kernel/".length())
          .replaceFirst("\\.ko(\\.xz|\\.zst)?$", "");
      Set<String> actual = new TreeSet<>();
      for (ExportedSymbol export : modules.get(file).exports()) {
        actual.add(describe(export.name(), export.crc(), export.gplOnly()));
      }
      assertThat(actual).as("exports of %s", relative)
          .isEqualTo(symvers.getOrDefault(symversModule, Set.of()));
      compared += actual.size();
    }
    assertThat(compared).as("exports compared").isGreaterThan(10_000);
  }

  private static String describe(String name, long crc, boolean gpl) {
    return String.format("%s 0x%08x %s", name, crc, gpl ? "GPL" : "");
  }
}
