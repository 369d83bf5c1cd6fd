package dev.rdmaforge.build.exec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code rpmbuild --rebuild} command line of a step, everything it writes kept below its build
 * root: its own {@code _topdir}, {@code _tmppath} and rpm database path, and {@code --nodeps}
 * (the SRPM's BuildRequires name the host's packages, which the build root does not install and
 * the host database must not decide), as the example's scripts and Lustre's lbuild run it.
 */
final class RpmbuildCommand {
  /** Lustre's configure option naming the OFED devel tree; its spec reads it as o2ib_path. */
  static final String WITH_O2IB = "--with-o2ib=";

  private RpmbuildCommand() {}

  /** The command without extra defines. */
  static List<String> of(Path root, Path srpm, String release, Path headers,
      Optional<Path> providerDevel, List<String> options) {
    return of(root, srpm, release, headers, providerDevel, options, List.of());
  }

  /**
   * The command: {@code KVERSION}, {@code K_SRC}; for a dependent {@code o2ib_path} (the
   * provider's devel tree, or what a {@code --with-o2ib=PATH} option says) and {@code
   * configure_args} (the options, as Lustre's spec takes them); then {@code extraDefines} as
   * given (the signing hook's {@code --define} pair).
   */
  static List<String> of(Path root, Path srpm, String release, Path headers,
      Optional<Path> providerDevel, List<String> options, List<String> extraDefines) {
    List<String> cmd = new ArrayList<>(List.of("rpmbuild", "--rebuild", "--nodeps"));
    define(cmd, "_topdir", root.resolve("top").toString());
    define(cmd, "_tmppath", root.resolve("tmp").toString());
    define(cmd, "_dbpath", root.resolve("rpmdb").toString());
    define(cmd, "KVERSION", release);
    define(cmd, "K_SRC", headers.toString());
    if (providerDevel.isPresent()) {
      define(cmd, "o2ib_path", o2ibPath(providerDevel.get(), options));
      if (!options.isEmpty()) {
        define(cmd, "configure_args", String.join(" ", options));
      }
    }
    cmd.addAll(extraDefines);
    cmd.add(srpm.toString());
    return cmd;
  }

  /**
   * The source RPM of a spec directory: {@code rpmbuild -bs} with the directory as {@code
   * _sourcedir} (the spec's sources sit beside it, as in a dist-git checkout), written to {@code
   * ROOT/srpm}.
   */
  static List<String> sourcePackage(Path root, Path specDir, Path spec) {
    List<String> cmd = new ArrayList<>(List.of("rpmbuild", "-bs", "--nodeps"));
    define(cmd, "_topdir", root.resolve("top").toString());
    define(cmd, "_tmppath", root.resolve("tmp").toString());
    define(cmd, "_dbpath", root.resolve("rpmdb").toString());
    define(cmd, "_sourcedir", specDir.toString());
    define(cmd, "_srcrpmdir", root.resolve("srpm").toString());
    cmd.add(spec.toString());
    return cmd;
  }

  /** The provider's devel tree, unless a {@code --with-o2ib=PATH} option names another. */
  static String o2ibPath(Path providerDevel, List<String> options) {
    String o2ib = providerDevel.toString();
    for (String o : options) {
      if (o.startsWith(WITH_O2IB)) {
        o2ib = o.substring(WITH_O2IB.length());
      }
    }
    return o2ib;
  }

  private static void define(List<String> cmd, String name, String value) {
    cmd.add("--define");
    cmd.add(name + " " + value);
  }
}
