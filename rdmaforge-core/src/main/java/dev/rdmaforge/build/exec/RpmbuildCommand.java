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
      String o2ib = providerDevel.get().toString();
      for (String o : options) {
        if (o.startsWith(WITH_O2IB)) {
          o2ib = o.substring(WITH_O2IB.length());
        }
      }
      define(cmd, "o2ib_path", o2ib);
      if (!options.isEmpty()) {
        define(cmd, "configure_args", String.join(" ", options));
      }
    }
    cmd.addAll(extraDefines);
    cmd.add(srpm.toString());
    return cmd;
  }

  private static void define(List<String> cmd, String name, String value) {
    cmd.add("--define");
    cmd.add(name + " " + value);
  }
}
