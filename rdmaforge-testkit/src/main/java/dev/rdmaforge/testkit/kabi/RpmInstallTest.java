package dev.rdmaforge.testkit.kabi;

import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code rpm}'s dependency verdict on kmod packages for one kernel: a scratch root whose
 * rpm database holds only the kernel's {@link KernelProvidesRpm} (installed with {@code --justdb}:
 * no files), and {@code rpm --root SCRATCH -i --test PACKAGE...} run against it. rpm prints each
 * unmet requirement as {@code <TAB>REQUIREMENT is needed by NEVRA}; those lines are the verdict.
 * Nothing outside the scratch root is read or written by rpm ({@code --root}).
 */
public final class RpmInstallTest {
  private static final Pattern NEEDED = Pattern.compile("^\\s+(.+) is needed by (\\S+)$");

  private final Path rpm;
  private final Path root;

  private RpmInstallTest(Path rpm, Path root) {
    this.rpm = rpm;
    this.root = root;
  }

  /**
   * A scratch root in {@code root} (an empty directory) whose database holds {@code
   * kernelProvides}.
   */
  public static RpmInstallTest prepare(Path kernelProvides, Path root) {
    Path rpm = Tools.require("rpm", "rpm");
    Processes.runChecked(null, List.of(rpm.toString(), "--root", root.toString(), "--initdb"));
    Processes.runChecked(null, List.of(rpm.toString(), "--root", root.toString(), "-i",
        "--justdb", "--nodeps", "--noscripts", kernelProvides.toString()));
    return new RpmInstallTest(rpm, root);
  }

  /** The command that tests installing {@code packages} in one transaction. */
  public List<String> command(List<Path> packages) {
    List<String> command = new ArrayList<>(List.of(rpm.toString(), "--root", root.toString(),
        "-i", "--test", "--noscripts"));
    for (Path p : packages) {
      command.add(p.toString());
    }
    return command;
  }

  /**
   * The unmet requirements rpm reports when installing {@code packages} in one transaction, per
   * package NEVRA (e.g. {@code kmod-rdmaforge-provider-1.0-1.x86_64}), in rpm's order; a package
   * whose requirements are all met is absent.
   */
  public Map<String, List<String>> unmet(List<Path> packages) {
    ProcessResult result = Processes.run(null, command(packages));
    Map<String, List<String>> unmet = new LinkedHashMap<>();
    for (String line : (result.stdout() + "\n" + result.stderr()).split("\n")) {
      Matcher m = NEEDED.matcher(line);
      if (m.matches()) {
        unmet.computeIfAbsent(m.group(2), k -> new ArrayList<>()).add(m.group(1));
      }
    }
    if (result.exitCode() != 0 && unmet.isEmpty()) {
      throw new IllegalStateException("rpm -i --test failed without naming a requirement:\n"
          + result.describe());
    }
    return unmet;
  }
}
