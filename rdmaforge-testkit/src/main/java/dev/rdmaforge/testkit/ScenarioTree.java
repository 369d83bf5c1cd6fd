package dev.rdmaforge.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A small depmod test tree built from real modules of a Debian kernel: the kernel's {@code
 * modules.builtin}, {@code modules.builtin.modinfo} and {@code modules.order} plus a handful of
 * {@code .ko} files placed where a scenario wants them (in-tree, {@code updates/}, {@code extra/},
 * {@code weak-updates/} links), and configuration files anywhere below the base directory.
 *
 * <p>The layout below {@code BASE} (what {@code depmod -b BASE} reads):
 *
 * <pre>
 * BASE/lib/modules/KVER/...   the module tree
 * BASE/&lt;anything else&gt;        config files and other kernels' trees, as the steps say
 * </pre>
 *
 * Build it with a fluent list of steps, then {@link #build} it into a directory. Steps run in the
 * order given, so the order of files created in a directory is the order of the steps.
 */
public final class ScenarioTree {

  /** Placeholder for the absolute base directory in {@link #file} texts and scenario arguments. */
  public static final String BASE_TOKEN = "{BASE}";

  private final DebianKernel kernel;
  private final List<Step> steps = new ArrayList<>();
  private final List<String> descriptions = new ArrayList<>();
  private boolean withMetadata = true;

  private ScenarioTree(DebianKernel kernel) {
    this.kernel = kernel;
  }

  /** A tree for {@code kernel}'s release, starting with its modules.builtin* and modules.order. */
  public static ScenarioTree of(DebianKernel kernel) {
    return new ScenarioTree(kernel);
  }

  /** The kernel whose modules and metadata the tree uses. */
  public DebianKernel kernel() {
    return kernel;
  }

  @FunctionalInterface
  private interface Step {
    void apply(Path base, Path modulesDir) throws IOException;
  }

  /** The kernel's module at {@code relativePath}, placed at the same path in the tree. */
  public ScenarioTree module(String relativePath) {
    return moduleAs(relativePath, relativePath);
  }

  /** The kernel's module {@code source} (relative to its module dir) placed at {@code target}. */
  public ScenarioTree moduleAs(String source, String target) {
    return moduleFrom(kernel, source, target);
  }

  /** Another kernel's module {@code source} placed at {@code target} in this tree. */
  public ScenarioTree moduleFrom(DebianKernel other, String source, String target) {
    descriptions.add(target + " = " + other.release() + ":" + source);
    steps.add(
        (base, modulesDir) ->
            TreeCopies.copyEntry(other.module(source), modulesDir.resolve(target)));
    return this;
  }

  /**
   * Another kernel's module {@code source} placed at {@code BASE/lib/modules/OTHER/target}: the
   * home of a weak-updates link, as RHEL's weak-modules makes them.
   */
  public ScenarioTree otherKernelModule(DebianKernel other, String source, String target) {
    return moduleOutside(other, source, "lib/modules/" + other.release() + "/" + target);
  }

  /**
   * {@code from}'s module {@code source} placed at {@code baseRelativeTarget} below the base
   * directory, outside the module tree (an {@code external} directory, another kernel's tree).
   */
  public ScenarioTree moduleOutside(DebianKernel from, String source, String baseRelativeTarget) {
    descriptions.add(baseRelativeTarget + " = " + from.release() + ":" + source);
    steps.add(
        (base, modulesDir) ->
            TreeCopies.copyEntry(from.module(source), base.resolve(baseRelativeTarget)));
    return this;
  }

  /**
   * A symbolic link at {@code linkPath} (relative to the module dir) with target text {@code
   * target}.
   */
  public ScenarioTree symlink(String linkPath, String target) {
    descriptions.add(linkPath + " -> " + target);
    steps.add(
        (base, modulesDir) -> {
          Path link = modulesDir.resolve(linkPath);
          Files.createDirectories(link.getParent());
          Files.createSymbolicLink(link, Path.of(target));
        });
    return this;
  }

  /**
   * A symbolic link at {@code baseRelativeLink} below the base dir with target text {@code target}
   * (a config entry that is a link, say).
   */
  public ScenarioTree symlinkOutside(String baseRelativeLink, String target) {
    descriptions.add(baseRelativeLink + " -> " + target);
    steps.add(
        (base, modulesDir) -> {
          Path link = base.resolve(baseRelativeLink);
          Files.createDirectories(link.getParent());
          Files.createSymbolicLink(link, Path.of(target));
        });
    return this;
  }

  /**
   * Leaves out the kernel's {@code modules.builtin}, {@code modules.builtin.modinfo} and {@code
   * modules.order} (a hand-made or very old kernel tree).
   */
  public ScenarioTree withoutKernelMetadata() {
    descriptions.add("no modules.builtin*, modules.order");
    withMetadata = false;
    return this;
  }

  /** A file at {@code relativePath} below the module dir with {@code bytes} (a bad module, say). */
  public ScenarioTree moduleFile(String relativePath, byte[] bytes) {
    descriptions.add(relativePath + " (" + bytes.length + " bytes)");
    steps.add((base, modulesDir) -> write(modulesDir.resolve(relativePath), bytes));
    return this;
  }

  /**
   * A text file at {@code relativePath} below the base dir (config files: {@code cfg/a.conf}).
   * {@value #BASE_TOKEN} in {@code text} becomes the absolute base directory, for the absolute
   * paths of {@code external} lines.
   */
  public ScenarioTree file(String relativePath, String text) {
    descriptions.add(relativePath + ": " + text.strip().replace("\n", " | "));
    steps.add(
        (base, modulesDir) ->
            write(
                base.resolve(relativePath),
                text.replace(BASE_TOKEN, base.toAbsolutePath().toString())
                    .getBytes(StandardCharsets.UTF_8)));
    return this;
  }

  /** An empty directory at {@code relativePath} below the base dir (e.g. an empty {@code -C}). */
  public ScenarioTree directory(String relativePath) {
    steps.add((base, modulesDir) -> Files.createDirectories(base.resolve(relativePath)));
    return this;
  }

  /** A one-line summary of the tree for test names and failure messages. */
  public String describe() {
    return kernel.release() + ": " + String.join("; ", descriptions);
  }

  /**
   * Creates the tree under {@code base} and returns its module directory ({@code
   * base/lib/modules/KVER}).
   */
  public Path build(Path base) {
    Path modulesDir = base.resolve("lib/modules").resolve(kernel.release());
    try {
      Files.createDirectories(modulesDir);
      List<String> metadata =
          withMetadata
              ? List.of("modules.builtin", "modules.builtin.modinfo", "modules.order")
              : List.<String>of();
      for (String name : metadata) {
        Path source = kernel.modulesDir().resolve(name);
        if (Files.exists(source)) {
          Files.copy(source, modulesDir.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
      for (Step step : steps) {
        step.apply(base, modulesDir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not build scenario " + describe() + ": " + e, e);
    }
    return modulesDir;
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }
}
