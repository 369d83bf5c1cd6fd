package dev.rdmaforge.it.repo;

import dev.rdmaforge.pkg.PackageRelation;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Tools;
import dev.rdmaforge.testkit.packages.BuiltPackages;
import dev.rdmaforge.testkit.packages.KmodPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** The real tools' answers about package files, and copies of the test kit's packages. */
final class RepoOracles {
  private RepoOracles() {}

  /** {@code rpm ARGS} output lines. */
  static List<String> rpm(String... args) {
    return lines(Tools.require("rpm", "rpm"), args);
  }

  /** {@code dpkg-deb ARGS} output lines. */
  static List<String> dpkgDeb(String... args) {
    return lines(Tools.require("dpkg-deb", "dpkg"), args);
  }

  private static List<String> lines(Path tool, String... args) {
    List<String> command = new ArrayList<>();
    command.add(tool.toString());
    command.addAll(Arrays.asList(args));
    String out = Processes.runChecked(null, command).stdout();
    return out.isEmpty() ? List.of() : List.of(out.split("\n"));
  }

  /** {@code name op version} without qualifiers, for comparing header and metadata. */
  static String plain(PackageRelation r) {
    return r.toString();
  }

  /** Copies the zstd RPMs of every kmod package of {@code built} into {@code dir}. */
  static List<Path> copyRpms(BuiltPackages built, Path dir) {
    List<Path> copies = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      for (KmodPackage pkg : KmodPackage.values()) {
        Path rpm = built.rpm(pkg);
        copies.add(Files.copy(rpm, dir.resolve(rpm.getFileName())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return copies;
  }

  /** Copies the xz DEBs of every kmod package of {@code built} into {@code dir}. */
  static List<Path> copyDebs(BuiltPackages built, Path dir) {
    List<Path> copies = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      for (KmodPackage pkg : KmodPackage.values()) {
        Path deb = built.deb(pkg);
        copies.add(Files.copy(deb, dir.resolve(deb.getFileName())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return copies;
  }

  static String sha256(Path file) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
