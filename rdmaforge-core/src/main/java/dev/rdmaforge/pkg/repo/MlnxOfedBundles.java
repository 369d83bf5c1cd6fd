package dev.rdmaforge.pkg.repo;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An unpacked MLNX_OFED bundle ({@code MLNX_OFED_LINUX-VER-DISTRO-ARCH/}): the version file
 * {@code .mlnx} or {@code mlnx}, {@code distro}, {@code .supported_kernels} or {@code
 * supported_kernels}, and the packages in {@code RPMS/} or {@code DEBS/}. 5.x bundles split
 * those into groups ({@code COMMON}, {@code MLNX_LIBS}, {@code UPSTREAM_LIBS}), where the library
 * groups link the shared packages to {@code ../COMMON}; older ones are flat. A package directory
 * or group with its own metadata ({@code repodata/}, {@code Packages}) is read from it, any other
 * from the package headers. A package linked into several groups is listed once per group.
 */
final class MlnxOfedBundles {
  static final List<String> VERSION_FILES = List.of(".mlnx", "mlnx");
  static final List<String> KERNEL_FILES = List.of(".supported_kernels", "supported_kernels");
  static final List<String> PACKAGE_DIRS = List.of("RPMS", "DEBS");

  private MlnxOfedBundles() {}

  /** Whether {@code dir} has a version file and an RPMS or DEBS directory. */
  static boolean isBundle(Path dir) {
    return first(dir, VERSION_FILES).isPresent() && first(dir, PACKAGE_DIRS).isPresent();
  }

  static Repository read(Path dir) {
    Path versionFile = first(dir, VERSION_FILES).orElseThrow();
    String version = lines(versionFile).stream().findFirst().orElseThrow(() ->
        new UserInputException(versionFile + ":1: the bundle's version file is empty; an"
            + " MLNX_OFED bundle names its version there (e.g. 23.10-2.1.3.1): unpack the"
            + " bundle again"));
    Path distroFile = dir.resolve("distro");
    String distro = Files.isRegularFile(distroFile)
        ? lines(distroFile).stream().findFirst().orElse("") : "";
    List<String> kernels = first(dir, KERNEL_FILES).map(MlnxOfedBundles::lines)
        .orElse(List.of());
    List<RepositoryPackage> packages = new ArrayList<>();
    List<Path> metadata = new ArrayList<>();
    Path packageDir = null;
    for (String name : PACKAGE_DIRS) {
      Path pkgs = dir.resolve(name);
      if (Files.isDirectory(pkgs)) {
        packageDir = packageDir == null ? pkgs : packageDir;
        packages.addAll(packageDir(dir, pkgs, metadata));
      }
    }
    BundleInfo info = new BundleInfo(version, distro, kernels, packageDir, versionFile);
    return new Repository(RepositoryLayout.MLNX_OFED, dir, packages, metadata,
        Optional.of(info));
  }

  private static List<RepositoryPackage> packageDir(Path bundle, Path dir, List<Path> metadata) {
    Optional<Repository> indexed = indexed(dir, bundle);
    if (indexed.isPresent()) {
      metadata.addAll(indexed.get().metadata());
      // One index over all groups: the group is the first directory of each location.
      return indexed.get().packages().stream().map(p -> p.inGroup(groupOf(p.location())))
          .toList();
    }
    List<RepositoryPackage> packages = new ArrayList<>();
    List<Path> groups;
    try (Stream<Path> list = Files.list(dir)) {
      groups = list.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UserInputException(dir + ": cannot be listed (" + e.getMessage() + ")", e);
    }
    for (Path group : groups) {
      String name = group.getFileName().toString();
      Optional<Repository> groupIndex = indexed(group, bundle);
      if (groupIndex.isPresent()) {
        metadata.addAll(groupIndex.get().metadata());
        groupIndex.get().packages().forEach(p -> packages.add(p.inGroup(name)));
      } else {
        packages.addAll(PackageDirectories.read(group, bundle, name));
      }
    }
    try (Stream<Path> list = Files.list(dir)) {
      List<Path> flat = list.filter(Files::isRegularFile)
          .filter(PackageDirectories::isBinaryPackageName).sorted().toList();
      packages.addAll(PackageDirectories.read(flat, dir, bundle, ""));
    } catch (IOException e) {
      throw new UserInputException(dir + ": cannot be listed (" + e.getMessage() + ")", e);
    }
    return packages;
  }

  /** The repository metadata in {@code dir}, read, if it has any. */
  private static Optional<Repository> indexed(Path dir, Path bundle) {
    if (Files.isDirectory(dir.resolve("repodata"))) {
      return Optional.of(YumRepositories.read(dir, bundle));
    }
    if (AptRepositories.index(dir).isPresent()) {
      return Optional.of(AptRepositories.readFlat(dir, bundle));
    }
    return Optional.empty();
  }

  /** {@code COMMON} for {@code COMMON/x.rpm} or {@code ./COMMON/x.rpm}; empty for {@code x.rpm}. */
  static String groupOf(String location) {
    String path = location;
    while (path.startsWith("./")) {
      path = path.substring(2);
    }
    int slash = path.indexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  private static Optional<Path> first(Path dir, List<String> names) {
    for (String name : names) {
      Path p = dir.resolve(name);
      if (name.equals(name.toUpperCase(java.util.Locale.ROOT)) ? Files.isDirectory(p)
          : Files.isRegularFile(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The non-blank lines of {@code file}, stripped, without {@code #} comments. */
  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UserInputException(file + ": cannot be read (" + e.getMessage() + "); unpack"
          + " the bundle again", e);
    }
  }
}
