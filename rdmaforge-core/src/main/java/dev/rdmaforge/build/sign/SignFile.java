package dev.rdmaforge.build.sign;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a kernel's {@code sign-file}: {@code HEADERS/scripts/sign-file} (a full build tree,
 * RHEL's kernel-devel, Debian's linux-headers through its {@code scripts} link), else Debian's
 * {@code /usr/lib/linux-kbuild-MAJOR.MINOR/scripts/sign-file} (where linux-kbuild-6.1 installs
 * it). The kernel's own tool is used rather than a re-implementation: it writes exactly the
 * trailer that kernel reads.
 */
public final class SignFile {
  private static final Pattern SERIES = Pattern.compile("^(\\d+\\.\\d+)");

  private SignFile() {}

  /** The places looked at, in order. */
  public static List<Path> candidates(Path headers, String release) {
    List<Path> out = new ArrayList<>();
    out.add(headers.resolve("scripts").resolve("sign-file"));
    Matcher m = SERIES.matcher(release);
    if (m.find()) {
      out.add(Path.of("/usr/lib/linux-kbuild-" + m.group(1), "scripts", "sign-file"));
    }
    return out;
  }

  /** The first candidate that is an executable file. */
  public static Optional<Path> find(Path headers, String release) {
    return candidates(headers, release).stream()
        .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
        .findFirst();
  }
}
