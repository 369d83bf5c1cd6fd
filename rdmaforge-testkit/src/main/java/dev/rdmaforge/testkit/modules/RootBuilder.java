package dev.rdmaforge.testkit.modules;

import dev.rdmaforge.testkit.DebianKernel;
import dev.rdmaforge.testkit.ScenarioTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one image root: a {@link ScenarioTree} for the kernel's own files, configuration and
 * links, then the test modules and their variants written where the scenario wants them. Test
 * modules are copied, not linked: they are small, and a copy cannot be written through into the
 * cache whatever file system the root is on.
 */
final class RootBuilder {

  /** Writes one file at the absolute path it is given. */
  @FunctionalInterface
  interface FileMaker {
    void make(Path target);
  }

  private record Placement(String baseRelative, FileMaker maker) {}

  private final DebianKernel kernel;
  private final ScenarioTree tree;
  private final List<Placement> placements = new ArrayList<>();

  private RootBuilder(DebianKernel kernel) {
    this.kernel = kernel;
    this.tree = ScenarioTree.of(kernel).directory("etc/depmod.d").directory("etc/modprobe.d");
  }

  /** A root for {@code kernel} with its module metadata and empty configuration directories. */
  static RootBuilder of(DebianKernel kernel) {
    return new RootBuilder(kernel);
  }

  /** The kernel's module {@code relativePath} and everything modprobe needs with it. */
  RootBuilder inTreeClosure(String relativePath) {
    for (String path : KernelModuleIndex.of(kernel).closure(relativePath)) {
      tree.module(path);
    }
    return this;
  }

  /** Another kernel's module {@code source} at {@code target} in this kernel's module tree. */
  RootBuilder moduleFrom(DebianKernel other, String source, String target) {
    tree.moduleFrom(other, source, target);
    return this;
  }

  /** A text file below the root (configuration, firmware). */
  RootBuilder file(String baseRelative, String text) {
    tree.file(baseRelative, text);
    return this;
  }

  /**
   * A symbolic link at {@code moduleRelative} in the module tree with target text {@code target}.
   */
  RootBuilder symlink(String moduleRelative, String target) {
    tree.symlink(moduleRelative, target);
    return this;
  }

  /** A copy of {@code source} at {@code moduleRelative} in the module tree. */
  RootBuilder copy(Path source, String moduleRelative) {
    return make(moduleRelative, target -> copyFile(source, target));
  }

  /** A file written by {@code maker} at {@code moduleRelative} in the module tree. */
  RootBuilder make(String moduleRelative, FileMaker maker) {
    placements.add(new Placement(modulesPrefix() + moduleRelative, maker));
    return this;
  }

  /** A copy of {@code source} at {@code baseRelative} below the root, outside the module tree. */
  RootBuilder copyOutside(Path source, String baseRelative) {
    placements.add(new Placement(baseRelative, target -> copyFile(source, target)));
    return this;
  }

  /** Creates the root: the tree's steps first, then the placed files, in the order given. */
  Path build(Path root) {
    tree.build(root);
    for (Placement placement : placements) {
      Path target = root.resolve(placement.baseRelative());
      try {
        Files.createDirectories(target.getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("could not create " + target.getParent(), e);
      }
      placement.maker().make(target);
    }
    return root;
  }

  private String modulesPrefix() {
    return "lib/modules/" + kernel.release() + "/";
  }

  private static void copyFile(Path source, Path target) {
    try {
      Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
    } catch (IOException e) {
      throw new UncheckedIOException("could not copy " + source + " to " + target, e);
    }
  }
}
