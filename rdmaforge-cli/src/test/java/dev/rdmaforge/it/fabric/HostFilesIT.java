package dev.rdmaforge.it.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rdmaforge.fabric.kernel.BundledKernelFacts;
import dev.rdmaforge.fabric.kernel.ModuleParameters;
import dev.rdmaforge.fabric.kernel.ModuleTreeFacts;
import dev.rdmaforge.fabric.modprobe.ModprobeCommand;
import dev.rdmaforge.fabric.modprobe.ModprobeConfParser;
import dev.rdmaforge.fabric.modprobe.ModuleOption;
import dev.rdmaforge.testkit.DebianKernel;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.TreeCopies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ground truth for the host files, on Debian's newest 6.1 kernel (its real module files, in a
 * copy that the real depmod indexed):
 *
 * <ul>
 *   <li>modprobe.d: kmod's {@code modprobe -c -C DIR} parses what render wrote (and shows the
 *       bad lines of the corpus), {@code modprobe -n -v} hands mlx4_core exactly the rendered
 *       options, and every option is a parameter the real module declares ({@code modinfo}).
 *   <li>/etc/rdma/modules and openib.conf: every module they load resolves with {@code modprobe
 *       -n} in the target tree (systemd-modules-load and openibd look names up the same way).
 *   <li>NetworkManager keyfiles: Debian's libnm loads, normalises and verifies them.
 *   <li>grub and ifcfg files: {@code /bin/sh} sources them, as grub-mkconfig and ifup do.
 *   <li>The DIB fragment: PyYAML (what TripleO loads it with) types every value.
 * </ul>
 *
 * <p>Schema-only (no consumer runs here): the ifcfg key list and ib_ipoib's MTU limits, openibd's
 * key list and its yes-only test, mlx4_core's probe-time limits (num_vfs/probe_vf/port types come
 * from its source: no ConnectX-3 here), the kernel's reading of intel_iommu=, and the mlnx-ofed
 * element's variables.
 */
class HostFilesIT {
  private static final Path SCRIPTS = Path.of("src/test/resources/fabric");
  private static final Path BROKEN = SCRIPTS.resolve("broken/host");
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  @TempDir static Path work;
  static DebianKernel kernel;
  static Path base;
  static Path modules;

  @BeforeAll
  static void indexedKernelCopy() throws IOException {
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/modprobe"))
        && Files.isExecutable(Path.of("/usr/sbin/depmod"))
        && Files.isExecutable(Path.of("/usr/sbin/modinfo")), "kmod is not installed");
    assumeTrue(run("/usr/bin/python3", "-c",
        "import yaml, gi; gi.require_version('NM', '1.0')").exitCode() == 0,
        "python3-yaml or gir1.2-nm-1.0 is not installed");
    kernel = DebianKernels.newest61();
    base = work.resolve("root");
    modules = TreeCopies.linkCopy(kernel.modulesDir(), base, kernel.release());
    // the kernel configuration beside the tree, as in an image root (IOMMU default)
    String config = "boot/config-" + kernel.release();
    Files.createDirectories(base.resolve("boot"));
    Files.copy(kernel.root().resolve(config), base.resolve(config));
    Path empty = Files.createDirectories(work.resolve("empty-depmod.d"));
    Processes.runChecked(null, List.of("/usr/sbin/depmod", "-a", "-b", base.toString(), "-C",
        empty.toString(), kernel.release()));
  }

  static ProcessResult run(String... command) {
    return Processes.run(null, List.of(command));
  }

  /**
   * Renders the bundled example aimed at the real tree, with {@code edits} (pairs of text to
   * replace and its replacement) applied to the description; returns the output directory.
   */
  static Path render(String name, String... edits) throws IOException {
    String text = Files.readString(PartitionsOpenSmIT.example())
        .replace("  release: 6.1.0-56-amd64 ", "  modules: " + modules + "\n  release: "
            + kernel.release() + " ");
    for (int i = 0; i + 1 < edits.length; i += 2) {
      assertThat(text).contains(edits[i]);
      text = text.replace(edits[i], edits[i + 1]);
    }
    Path d = work.resolve(name + ".yaml");
    Files.writeString(d, text);
    Path out = work.resolve(name);
    FabricCli r = FabricCli.run("fabric", "render", d.toString(), "-o", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    return out;
  }

  @Test
  @DisplayName("kmod reads every rendered modprobe.d line and hands mlx4_core exactly those options")
  void render_modprobeD_libkmodKeepsEveryLine() throws IOException {
    Path out = render("modern");
    for (String node : List.of("headnode", "node001", "node002", "node003")) {
      Path dir = out.resolve(node).resolve("etc/modprobe.d");
      ProcessResult c = run("/usr/sbin/modprobe", "-c", "-C", dir.toString());
      assertThat(c.stderr()).as(node).doesNotContain("libkmod: ERROR");
      List<String> ours = new ArrayList<>();
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.readAllLines(f).stream().filter(l -> l.startsWith("options ")).forEach(ours::add);
        }
      }
      assertThat(c.stdout().lines().filter(l -> l.startsWith("options mlx")))
          .as(node).containsExactlyInAnyOrderElementsOf(ours);
    }
    ProcessResult n = run("/usr/sbin/modprobe", "-n", "-v", "-d", base.toString(), "-S",
        kernel.release(), "-C", out.resolve("node002/etc/modprobe.d").toString(), "mlx4_core");
    assertThat(n.exitCode()).as(n.describe()).isZero();
    assertThat(n.stdout()).contains("/mlx4_core.ko num_vfs=16 probe_vf=0 port_type_array=1,1"
        + " debug_level=1");
  }

  @Test
  @DisplayName("every rendered option is a parameter the real module declares, of the type we read")
  void render_options_areParametersOfTheRealModules() throws IOException {
    Path out = render("modern");
    for (String f : List.of("node002/etc/modprobe.d/mlx4_core.conf",
        "node002/etc/modprobe.d/mlx4_ib.conf")) {
      for (ModprobeCommand c : ModprobeConfParser.parse(f, Files.readString(out.resolve(f)))
          .options()) {
        String file = run("/usr/sbin/modinfo", "-b", base.toString(), "-k", kernel.release(),
            "-n", c.module()).stdout().strip();
        List<String> types = run("/usr/sbin/modinfo", "-F", "parmtype", file).stdout().lines()
            .toList();
        ModuleParameters ours = ModuleTreeFacts.open(modules).parameters(c.module()).orElseThrow();
        for (ModuleOption o : c.options()) {
          assertThat(types).as(file).contains(o.arg().name() + ":"
              + ours.lookup(o.arg().name()).orElseThrow().text());
        }
      }
    }
  }

  @Test
  @DisplayName("the bundled Debian 6.1 table is what the real modules say (ModuleReader and modinfo)")
  void bundledTable_equalsTheRealModules() {
    // The newest 6.1 ABI the archive has (never a hard-coded one, which the archive drops in
    // time): the table stands for the 6.1 series, so a parameter change in a later ABI fails here
    // and means the table must be recorded again.
    DebianKernel recorded = DebianKernels.newest61();
    ModuleTreeFacts real = ModuleTreeFacts.open(recorded.modulesDir());
    BundledKernelFacts.debian61().modules().forEach((name, bundled) -> {
      ModuleParameters read = real.parameters(name).orElseThrow();
      assertThat(read.types()).as(name).isEqualTo(bundled.types());
      String file = real.file(name).orElseThrow().toString();
      TreeSet<String> modinfo = new TreeSet<>(run("/usr/sbin/modinfo", "-F", "parmtype", file)
          .stdout().lines().toList());
      TreeSet<String> ours = new TreeSet<>();
      bundled.types().forEach((p, t) -> {
        if (!t.text().isEmpty()) {
          ours.add(p + ":" + t.text());
        }
      });
      assertThat(ours).as(name).isEqualTo(modinfo);
    });
    assertThat(real.intelIommuDefaultOn()).contains(true);
    assertThat(BundledKernelFacts.debian61().aliases()).containsEntry("xprtrdma", "rpcrdma");
  }

  @Test
  @DisplayName("every module rdma-core's files or openib.conf load resolves in the real tree")
  void render_bothStacks_everyModuleResolves() throws IOException {
    Path out = render("inbox", "rdmaStack: mlnx-ofed", "rdmaStack: inbox");
    List<String> names = new ArrayList<>();
    for (String f : List.of("infiniband.conf", "rdma.conf")) {
      Files.readAllLines(out.resolve("node002/etc/rdma/modules").resolve(f)).stream()
          .filter(l -> !l.startsWith("#")).forEach(names::add);
    }
    // what openibd loads for the keys render set to yes
    Map<String, List<String>> openib = Map.of("UMAD_LOAD", List.of("ib_umad"),
        "UVERBS_LOAD", List.of("ib_uverbs"), "RDMA_CM_LOAD", List.of("rdma_cm"),
        "RDMA_UCM_LOAD", List.of("rdma_ucm"), "MLX4_LOAD", List.of("mlx4_core", "mlx4_ib"),
        "IPOIB_LOAD", List.of("ib_ipoib"));
    for (String line : Files.readAllLines(render("modern").resolve(
        "node002/etc/infiniband/openib.conf"))) {
      String[] kv = line.split("=", 2);
      if (kv.length == 2 && kv[1].equals("yes") && openib.containsKey(kv[0])) {
        names.addAll(openib.get(kv[0]));
      }
    }
    assertThat(names).contains("ib_ipoib", "ib_umad", "rdma_ucm", "mlx4_ib");
    for (String m : names) {
      ProcessResult r = run("/usr/sbin/modprobe", "-n", "-d", base.toString(), "-S",
          kernel.release(), m);
      assertThat(r.exitCode()).as(r.describe()).isZero();
    }
  }

  @Test
  @DisplayName("NetworkManager's libnm loads the rendered keyfiles, connected and datagram")
  void render_keyfiles_libnmAcceptsThem() throws IOException {
    for (String[] v : new String[][] {{"true", "65520", "connected"}, {"false", "2044", "datagram"}}) {
      Path out = render("keyfile-" + v[2], "connectedMode: true", "connectedMode: " + v[0],
          "mtu: 65520", "mtu: " + v[1], "style: ifcfg", "style: keyfile");
      Path f = out.resolve("node002/etc/NetworkManager/system-connections/ib0.nmconnection");
      ProcessResult r = run(PYTHON.toString(), SCRIPTS.resolve("read_nm_keyfile.py").toString(),
          f.toString());
      assertThat(r.stdout()).isEqualTo("OK type=infiniband mtu=" + v[1] + " transport-mode="
          + v[2] + "\n");
    }
  }

  @Test
  @DisplayName("grub-mkconfig's shell puts intel_iommu=on iommu=pt on Debian's default line")
  void render_grubSnippet_shellAddsIommu() throws IOException {
    Path out = render("modern");
    Path grub = out.resolve("node002/etc/default/grub");
    // Debian 12's /etc/default/grub (grub2-common), the lines that matter
    Files.writeString(grub, "GRUB_DEFAULT=0\nGRUB_TIMEOUT=5\n"
        + "GRUB_DISTRIBUTOR=`lsb_release -i -s 2> /dev/null || echo Debian`\n"
        + "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\nGRUB_CMDLINE_LINUX=\"\"\n");
    Path snippet = out.resolve("node002/etc/default/grub.d/50-rdmaforge-iommu.cfg");
    ProcessResult sh = run("/bin/sh", "-c", ". \"$0\"; . \"$1\"; printf '%s|%s'"
        + " \"$GRUB_CMDLINE_LINUX\" \"$GRUB_CMDLINE_LINUX_DEFAULT\"", grub.toString(),
        snippet.toString());
    assertThat(sh.stdout()).isEqualTo(" intel_iommu=on iommu=pt|quiet");
    FabricCli v = FabricCli.run("fabric", "validate", "--kernel-modules", modules.toString(),
        out.toString());
    assertThat(v.exit()).as(v.out()).isZero();
    assertThat(v.out()).endsWith("0 errors, 0 warnings\n");
  }

  @Test
  @DisplayName("PyYAML, which TripleO reads the fragment with, sees every DIB variable as a string")
  void render_dibFragment_pyyamlSeesStrings() throws IOException {
    Path f = render("modern").resolve("_image/overcloud-images-rdmaforge.yaml");
    ProcessResult r = run(PYTHON.toString(), SCRIPTS.resolve("yaml_types.py").toString(),
        f.toString());
    assertThat(r.stdout().lines()).hasSize(4).allSatisfy(l -> assertThat(l).contains(" str '"));
  }

  @Test
  @DisplayName("Debian 6.1 turns VT-d on by default: without intel_iommu=on only iommu=pt is missing")
  void validate_cmdlineWithoutIommu_judgedByTheKernelsConfig() throws IOException {
    Path dir = work.resolve("cmdline");
    Files.createDirectories(dir.resolve("node002/etc/kernel"));
    Files.createDirectories(dir.resolve("node002/etc/neutron/plugins/mlnx"));
    Files.writeString(dir.resolve("node002/etc/kernel/cmdline"), "root=/dev/sda1 ro quiet\n");
    Files.writeString(dir.resolve("node002/etc/neutron/plugins/mlnx/mlnx_conf.ini"),
        "[eswitch]\nphysical_interface_mappings = ibhostnet:ib0\n");
    assertThat(Files.readAllLines(base.resolve("boot/config-" + kernel.release())))
        .contains("CONFIG_INTEL_IOMMU_DEFAULT_ON_INTGPU_OFF=y");
    FabricCli withKernel = FabricCli.run("fabric", "validate", "--json", "--kernel-modules",
        modules.toString(), dir.toString());
    assertThat(withKernel.out()).contains("\"errors\" : 0", "\"warnings\" : 1", "RF-FAB-060");
    FabricCli unknown = FabricCli.run("fabric", "validate", dir.toString());
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.out()).contains("error RF-FAB-060: the command line has no intel_iommu=on");
  }

  static Stream<Arguments> broken() {
    return Stream.of(
        Arguments.of("indented-comment", "RF-FAB-050", libkmod("line 1: ignoring bad line"
            + " starting with '#'")),
        Arguments.of("option-typo", "RF-FAB-050", libkmod("line 1: ignoring bad line starting"
            + " with 'option'")),
        Arguments.of("options-without-values", "RF-FAB-050", libkmod("line 1: ignoring bad line"
            + " starting with 'options'")),
        Arguments.of("unknown-parameter", "RF-FAB-051", notAParameter("mlx4_core", "num_vf")),
        Arguments.of("value-not-a-byte", "RF-FAB-051", parmtype("mlx4_core",
            "num_vfs:array of byte")),
        Arguments.of("port-type-3", "RF-FAB-052", parmtype("mlx4_core",
            "port_type_array:array of int")),
        Arguments.of("num-vfs-over-port-limit", "RF-FAB-053", schemaOnly()),
        Arguments.of("set-4k-mtu", "RF-FAB-054", notAParameter("mlx4_core", "set_4k_mtu")),
        Arguments.of("eth-ipoib-options", "RF-FAB-054", notFound("eth_ipoib")),
        Arguments.of("grub-unquoted", "RF-FAB-060", shell("GRUB_CMDLINE_LINUX", "",
            "quiet: not found")),
        Arguments.of("iommu-off", "RF-FAB-060", shell("GRUB_CMDLINE_LINUX",
            "quiet intel_iommu=off iommu=pt", "")),
        Arguments.of("keyfile-no-transport-mode", "RF-FAB-061",
            networkManager("ERROR infiniband.transport-mode: property is invalid")),
        Arguments.of("keyfile-mtu-text", "RF-FAB-061",
            networkManager("WARN infiniband.mtu: invalid setting: value cannot be interpreted"
                + " as integer")),
        Arguments.of("ifcfg-datagram-mtu", "RF-FAB-061", shell("MTU", "65520", "")),
        Arguments.of("ifcfg-unquoted", "RF-FAB-061", shell("NAME", "", "fabric: not found")),
        Arguments.of("openib-eth-ipoib", "RF-FAB-062", notFound("eth_ipoib")),
        Arguments.of("openib-true", "RF-FAB-062", shell("MLX4_LOAD", "true", "")),
        Arguments.of("rdma-modules-options", "RF-FAB-062", notFound("ib_umad debug=1")),
        Arguments.of("rdma-modules-gone", "RF-FAB-062", notFound("ib_ucm")),
        Arguments.of("dib-float-version", "RF-FAB-063",
            pyyaml("DIB_MLNX_OFED_VERSION float 4.1")),
        Arguments.of("dib-delete-repo-no", "RF-FAB-063",
            pyyaml("DIB_MLNX_OFED_DELETE_REPO bool False")),
        Arguments.of("dib-no-element", "RF-FAB-063", schemaOnly()),
        Arguments.of("probe-all-vfs", "RF-FAB-064", schemaOnly()),
        Arguments.of("ethernet-ports-on-ib", "RF-FAB-052", schemaOnly()));
  }

  @ParameterizedTest(name = "{0}: validate says {1}; the consumer shows it where one runs here")
  @MethodSource("broken")
  void validate_brokenHostFile_flaggedAndConsumerShowsIt(String name, String rule,
      Consumer<Path> consumerShows) throws IOException {
    Path dir = BROKEN.resolve(name);
    FabricCli r = FabricCli.run("fabric", "validate", "--json", "--kernel-modules",
        modules.toString(), dir.toString());
    assertThat(r.out()).as(r.out()).contains("\"rule\" : \"" + rule + "\"");
    if (consumerShows == null) {
      return; // schema-only: no consumer of this failure runs here (see the class comment)
    }
    try (Stream<Path> files = Files.walk(dir)) {
      consumerShows.accept(files.filter(Files::isRegularFile).filter(f -> !f.toString()
          .endsWith(".ini")).findFirst().orElseThrow());
    }
  }

  /** kmod's own parser prints the message for the file's directory. */
  static Consumer<Path> libkmod(String message) {
    return f -> {
      ProcessResult c = run("/usr/sbin/modprobe", "-c", "-C", f.getParent().toString());
      assertThat(c.stderr()).contains(f + " " + message);
    };
  }

  /** The real module does not declare the parameter (modinfo -F parm). */
  static Consumer<Path> notAParameter(String module, String parameter) {
    return f -> {
      String file = run("/usr/sbin/modinfo", "-b", base.toString(), "-k", kernel.release(), "-n",
          module).stdout().strip();
      assertThat(run("/usr/sbin/modinfo", "-F", "parmtype", file).stdout().lines())
          .noneMatch(l -> l.startsWith(parameter + ":"));
    };
  }

  /** The real module declares the parameter with this type (the kernel parses values by it). */
  static Consumer<Path> parmtype(String module, String entry) {
    return f -> {
      String file = run("/usr/sbin/modinfo", "-b", base.toString(), "-k", kernel.release(), "-n",
          module).stdout().strip();
      assertThat(run("/usr/sbin/modinfo", "-F", "parmtype", file).stdout().lines())
          .contains(entry);
    };
  }

  /** modprobe, as systemd-modules-load and openibd look names up, finds no such module. */
  static Consumer<Path> notFound(String module) {
    return f -> {
      ProcessResult r = run("/usr/sbin/modprobe", "-n", "-d", base.toString(), "-S",
          kernel.release(), module);
      assertThat(r.exitCode()).isNotZero();
      assertThat(r.stderr()).contains("Module " + module + " not found");
    };
  }

  /** /bin/sh sources the file: the variable's value and what the shell complains about. */
  static Consumer<Path> shell(String variable, String value, String stderr) {
    return f -> {
      ProcessResult r = run("/bin/sh", "-c", ". \"$0\"; printf '%s' \"$" + variable + "\"",
          f.toAbsolutePath().toString());
      assertThat(r.stdout()).isEqualTo(value);
      assertThat(r.stderr()).contains(stderr);
    };
  }

  /** Debian's libnm reads the keyfile. */
  static Consumer<Path> networkManager(String line) {
    return f -> assertThat(run(PYTHON.toString(), SCRIPTS.resolve("read_nm_keyfile.py")
        .toString(), f.toString()).stdout().lines()).contains(line);
  }

  /** PyYAML's typing of the environment. */
  static Consumer<Path> pyyaml(String line) {
    return f -> assertThat(run(PYTHON.toString(), SCRIPTS.resolve("yaml_types.py").toString(),
        f.toString()).stdout().lines()).contains(line);
  }

  /** No consumer of this failure runs here (see the class comment). */
  static Consumer<Path> schemaOnly() {
    return null;
  }
}
