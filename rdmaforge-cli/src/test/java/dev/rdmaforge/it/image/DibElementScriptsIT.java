package dev.rdmaforge.it.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.testkit.FileTrees;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Rdmaforge;
import dev.rdmaforge.testkit.Tools;
import dev.rdmaforge.testkit.bundle.SyntheticBundles;
import dev.rdmaforge.testkit.bundle.SyntheticDebBundle;
import dev.rdmaforge.testkit.images.DebianRoots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The diskimage-builder element {@code integrations/diskimage-builder/elements/rdmaforge} without
 * a full image build: its hooks run the way disk-image-create runs them (Debian's {@code
 * dib-run-parts} over a hooks directory that holds the element, with the variables DIB sets for
 * the phase) against a real Debian 12 root (mmdebstrap, {@code linux-image-6.1.0-56-amd64}) and
 * the ofed-like DEB stack built for that kernel. The cases are the seed 002 build (StackHPC's
 * mlnx-ofed element) made safe: the stack goes in and the build goes on; a later element changes
 * the kernel and the build stops naming it; a stack built for another kernel stops the build at
 * the apply.
 */
class DibElementScriptsIT {
  private static final String RELEASE = DebianRoots.RELEASE;

  /** A release a later element could install: Debian's next ABI of the same kernel. */
  private static final String OTHER_RELEASE = "6.1.0-57-amd64";

  /** Where Debian's python3-diskimage-builder keeps dib-run-parts (it is not on PATH). */
  static final Path DIB_LIB = Path.of("/usr/lib/python3/dist-packages/diskimage_builder/lib");

  /** The stack's kernel modules: the bundle's and the dependent's. */
  private static final List<String> STACK_MODULES =
      List.of("ofa_core", "ofa_compat", "knem_like", "lnet_like", "ko2iblnd_like");

  @TempDir Path dir;

  /** Deletes the root before JUnit does (it warns about each absolute link in it). */
  @AfterEach
  void deleteRoot() {
    FileTrees.deleteRecursively(dir.resolve("root"));
  }

  /**
   * The seed 002 build with the element: post-root.d applies the stack (exit 0, the modules and
   * their modules.dep lines in the root, applied.json written); the guard passes while nothing
   * changed; then a later element installs a second kernel and the guard fails naming it.
   */
  @Test
  void applyThenGuard_laterElementInstallsAnotherKernel_buildFailsNamingIt() throws IOException {
    Path root = DebianRoots.extract(dir.resolve("root"));
    SyntheticDebBundle stack = SyntheticBundles.debForRelease(RELEASE);
    Path hooks = hooks(dir);
    Map<String, String> env = elementEnv(repos(stack));

    Hook apply = postRoot(hooks, root, env);

    assertThat(apply.exit()).as(apply.output()).isZero();
    Path modules = root.resolve("usr/lib/modules/" + RELEASE);
    assertThat(moduleFiles(modules)).as(apply.output()).containsAll(STACK_MODULES);
    String dep = Files.readString(modules.resolve("modules.dep"), StandardCharsets.UTF_8);
    for (String m : STACK_MODULES) {
      assertThat(dep).as("modules.dep lists %s", m).containsPattern("(^|\\n)\\S*/" + m + "\\.ko:");
    }
    assertThat(root.resolve("var/lib/rdmaforge/applied.json")).isRegularFile();
    Hook unchanged = cleanup(hooks, root, env);
    assertThat(unchanged.exit()).as(unchanged.output()).isZero();

    // What `apt-get install linux-image-6.1.0-57-amd64` in a later element's install.d leaves:
    // the kernel image and its modules tree (hard links: the content does not matter here).
    addKernel(root, OTHER_RELEASE);
    Hook guard = cleanup(hooks, root, env);

    assertThat(guard.exit()).as(guard.output()).isNotZero();
    assertThat(guard.output()).contains("rdmaforge image verify failed");
    assertThat(reasons(guard)).anyMatch(line -> line.contains(OTHER_RELEASE));
  }

  /**
   * DIB's own kernel cleanup removes the kernel the stack was built for: the image holds two
   * kernels, the stack is pinned to the older one (DIB_RDMAFORGE_KERNEL), and the real
   * cleanup-kernel-initrd hook (99-cleanup-kernel-initrd, which keeps only the newest kernel's
   * /boot files) runs in the same cleanup.d as the guard, as DIB merges them: the guard sorts after
   * it and fails naming the removed kernel.
   */
  @Test
  void guard_dibKernelCleanupRemovesThePinnedKernel_buildFailsNamingIt() throws IOException {
    Path root = DebianRoots.extract(dir.resolve("root"));
    addKernel(root, OTHER_RELEASE);
    SyntheticDebBundle stack = SyntheticBundles.debForRelease(RELEASE);
    Path hooks = hooks(dir);
    Path cleanupKernel = DIB_LIB.resolveSibling("elements/cleanup-kernel-initrd/cleanup.d")
        .resolve("99-cleanup-kernel-initrd");
    Files.copy(cleanupKernel, hooks.resolve("cleanup.d/99-cleanup-kernel-initrd"));
    Map<String, String> env = elementEnv(repos(stack));
    env.put("DIB_RDMAFORGE_KERNEL", RELEASE);

    Hook apply = postRoot(hooks, root, env);
    assertThat(apply.exit()).as(apply.output()).isZero();
    Hook cleanup = cleanup(hooks, root, env);

    assertThat(root.resolve("boot/vmlinuz-" + RELEASE)).as(cleanup.output()).doesNotExist();
    assertThat(cleanup.output().indexOf("Running " + hooks.resolve("cleanup.d/99-zz")))
        .as("the guard runs after DIB's kernel cleanup")
        .isGreaterThan(cleanup.output().indexOf("99-cleanup-kernel-initrd"));
    assertThat(cleanup.exit()).as(cleanup.output()).isNotZero();
    assertThat(cleanup.output()).contains("rdmaforge image verify failed");
    assertThat(reasons(cleanup)).anyMatch(line -> line.contains(RELEASE));
  }

  /**
   * The stack built for another kernel (6.1.0-47) given to an image with 6.1.0-56: the apply hook
   * fails the build with rdmaforge's reason, and the root keeps none of the stack.
   */
  @Test
  void apply_stackBuiltForAnotherKernel_failsTheBuildWithTheReason() throws IOException {
    Path root = DebianRoots.extract(dir.resolve("root"));
    SyntheticDebBundle other = SyntheticBundles.debForRelease("6.1.0-47-amd64");
    Path hooks = hooks(dir);

    Hook apply = postRoot(hooks, root, elementEnv(other.bundleDir().toString()));

    assertThat(apply.exit()).as(apply.output()).isNotZero();
    assertThat(apply.output()).contains("rdmaforge image apply failed");
    assertThat(reasons(apply))
        .anyMatch(line -> line.contains(RELEASE) && line.contains("6.1.0-47-amd64"));
    assertThat(moduleFiles(root.resolve("usr/lib/modules/" + RELEASE)))
        .doesNotContainAnyElementsOf(STACK_MODULES);
    assertThat(root.resolve("var/lib/rdmaforge/applied.json")).doesNotExist();
  }

  /**
   * The element included but not configured is a mistake the build must not pass over: the apply
   * hook stops before running anything, naming the variables to set.
   */
  @Test
  void apply_noStackConfigured_failsNamingTheVariables() throws IOException {
    Path root = Files.createDirectories(dir.resolve("root"));
    Hook apply = postRoot(hooks(dir), root, elementEnv(""));

    assertThat(apply.exit()).isNotZero();
    assertThat(apply.output()).contains("DIB_RDMAFORGE_REPO").contains("DIB_RDMAFORGE_STACK");
  }

  /**
   * The TripleO example is what tripleo-common's image-yaml loader needs (imagename and distro on
   * each image; elements, options and packages lists; environment values strings, since the
   * client puts them into os.environ) and sets only variables the element defines.
   */
  @Test
  void tripleoExample_isAnImageYamlFragmentUsingTheElementsVariables() throws IOException {
    Path example = integrationsDir().resolve("tripleo/overcloud-images-rdmaforge.yaml");
    Object loaded = new Load(LoadSettings.builder().setLabel(example.toString()).build())
        .loadFromString(Files.readString(example, StandardCharsets.UTF_8));

    assertThat(loaded).isInstanceOf(Map.class);
    List<?> images = (List<?>) ((Map<?, ?>) loaded).get("disk_images");
    assertThat(images).hasSize(1);
    Map<?, ?> image = (Map<?, ?>) images.get(0);
    assertThat(image.get("imagename")).isEqualTo("overcloud-full");
    assertThat(image.get("distro")).isInstanceOf(String.class);
    assertThat(image.get("elements")).isEqualTo(List.of("rdmaforge"));
    assertThat(image.get("options")).isInstanceOf(List.class);
    assertThat(image.get("packages")).isInstanceOf(List.class);
    Map<?, ?> environment = (Map<?, ?>) image.get("environment");
    assertThat(environment.values()).allMatch(String.class::isInstance);
    Set<String> defined = definedVariables();
    assertThat(defined).contains("DIB_RDMAFORGE_REPO", "DIB_RDMAFORGE_BIN");
    for (Object name : environment.keySet()) {
      assertThat(defined).as("environment.d defines %s", name).contains((String) name);
    }
  }

  /** The output and exit code of one dib-run-parts run. */
  record Hook(int exit, String output) {}

  /**
   * What rdmaforge itself printed: the lines that are not dib-run-parts', the shell trace, the
   * element's own or DIB's kernel cleanup's (which names the files it removes).
   */
  private static List<String> reasons(Hook hook) {
    return hook.output().lines()
        .filter(l -> !l.startsWith("dib-run-parts") && !l.startsWith("+")
            && !l.startsWith("rdmaforge element:") && !l.startsWith("removed '")
            && !l.startsWith("Removing "))
        .toList();
  }

  /** post-root.d as disk-image-create runs it: outside the chroot, only TMP_MOUNT_PATH set. */
  private Hook postRoot(Path hooks, Path root, Map<String, String> env) {
    Map<String, String> phase = new TreeMap<>(env);
    phase.put("TMP_MOUNT_PATH", root.toString());
    return runParts(hooks.resolve("post-root.d"), phase);
  }

  /** cleanup.d as finalise_base runs it: TARGET_ROOT set, plus what DIB's own hooks read. */
  private Hook cleanup(Path hooks, Path root, Map<String, String> env) {
    Map<String, String> phase = new TreeMap<>(env);
    phase.put("TARGET_ROOT", root.toString());
    phase.put("TMP_MOUNT_PATH", root.toString());
    phase.put("_LIB", DIB_LIB.toString());
    return runParts(hooks.resolve("cleanup.d"), phase);
  }

  private static Hook runParts(Path phaseDir, Map<String, String> env) {
    Path runParts = Tools.require("dib-run-parts", "python3-diskimage-builder",
        DIB_LIB.resolve("dib-run-parts"));
    ProcessBuilder builder = new ProcessBuilder(runParts.toString(), phaseDir.toString());
    // A build's environment holds only what DIB and the user set: drop the JVM's own DIB_*.
    builder.environment().keySet().removeIf(k -> k.startsWith("DIB_") || k.equals("TARGET_ROOT")
        || k.equals("TMP_MOUNT_PATH"));
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Hook(process.waitFor(), output);
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + runParts, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + phaseDir, e);
    }
  }

  /** DIB_RDMAFORGE_REPO for a stack: the bundle and the dependent's directory. */
  static String repos(SyntheticDebBundle stack) {
    return stack.bundleDir() + " " + stack.dependentDeb().getParent();
  }

  /** The element's variables, with the launcher of the jar under test. */
  private Map<String, String> elementEnv(String repo) throws IOException {
    Map<String, String> env = new TreeMap<>();
    env.put("DIB_RDMAFORGE_BIN", launcher(dir).toString());
    env.put("DIB_RDMAFORGE_REPO", repo);
    return env;
  }

  /**
   * A hooks directory as disk-image-create's generate_hooks makes it from this one element: its
   * phase directories, and its top-level files beside them.
   */
  static Path hooks(Path dir) {
    Path hooks = dir.resolve("hooks");
    Processes.runChecked(null, List.of("cp", "-a", elementDir().toString(), hooks.toString()));
    return hooks;
  }

  /** A launcher like ./rdmaforge for the jar under test: what DIB_RDMAFORGE_BIN names. */
  static Path launcher(Path dir) throws IOException {
    Path bin = dir.resolve("bin/rdmaforge");
    if (Files.isRegularFile(bin)) {
      return bin;
    }
    StringBuilder script = new StringBuilder("#!/bin/sh\nexec");
    for (String word : Rdmaforge.command(List.of())) {
      script.append(" '").append(word.replace("'", "'\\''")).append('\'');
    }
    script.append(" \"$@\"\n");
    Files.createDirectories(bin.getParent());
    Files.writeString(bin, script.toString(), StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }

  /** {@code integrations/diskimage-builder} of the source tree the tests run in. */
  static Path integrationsDir() {
    Path start = Path.of("").toAbsolutePath();
    for (Path p = start; p != null; p = p.getParent()) {
      Path candidate = p.resolve("integrations/diskimage-builder");
      if (Files.isDirectory(candidate.resolve("elements/rdmaforge"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("no integrations/diskimage-builder/elements/rdmaforge in "
        + start + " or a directory above it; run the tests from the rdmaforge source tree");
  }

  static Path elementDir() {
    return integrationsDir().resolve("elements/rdmaforge");
  }

  /** The DIB_RDMAFORGE_* variables the element's environment.d exports. */
  private static Set<String> definedVariables() throws IOException {
    Set<String> names = new TreeSet<>();
    Pattern export = Pattern.compile("(?m)^export (DIB_RDMAFORGE_[A-Z_]+)=");
    try (Stream<Path> files = Files.list(elementDir().resolve("environment.d"))) {
      for (Path f : files.toList()) {
        Matcher m = export.matcher(Files.readString(f, StandardCharsets.UTF_8));
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }

  /**
   * Adds kernel {@code release} to the root as its package would: /boot files copied from the
   * root's own kernel, the modules tree as hard links of it.
   */
  static void addKernel(Path root, String release) throws IOException {
    for (String name : List.of("vmlinuz-", "config-", "System.map-", "initrd.img-")) {
      Path from = root.resolve("boot/" + name + RELEASE);
      if (Files.exists(from)) {
        Files.copy(from, root.resolve("boot/" + name + release));
      }
    }
    Processes.runChecked(null, List.of("cp", "-al",
        root.resolve("usr/lib/modules/" + RELEASE).toString(),
        root.resolve("usr/lib/modules/" + release).toString()));
  }

  /** The module names of the .ko files below {@code modules}. */
  static List<String> moduleFiles(Path modules) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.walk(modules)) {
      files.map(p -> p.getFileName().toString())
          .filter(n -> n.matches(".*\\.ko(\\.xz|\\.zst|\\.gz)?"))
          .map(n -> n.substring(0, n.indexOf(".ko")))
          .forEach(names::add);
    }
    return names;
  }
}
