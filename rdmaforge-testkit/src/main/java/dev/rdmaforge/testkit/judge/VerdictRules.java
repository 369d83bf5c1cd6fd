package dev.rdmaforge.testkit.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the kernel's own words for one target into a {@link LoadVerdict} (kernel-modules.md §4).
 *
 * <p>modprobe stops at the first module whose insertion fails and prints {@code could not insert
 * 'T'} with the <em>target's</em> name even when a dependency failed (kmod 30), so the failing
 * module is the one the kernel names in its messages, or, for the nameless signature and ELF
 * messages, the last {@code insmod} line: the insertion in progress.
 */
final class VerdictRules {

  private static final Pattern DISAGREES =
      Pattern.compile("^(\\S+): disagrees about version of symbol (\\S+)$");
  private static final Pattern UNKNOWN_SYMBOL =
      Pattern.compile("^(\\S+): Unknown symbol (\\S+) \\(err (-?\\d+)\\)$");
  private static final Pattern VERSION_MAGIC =
      Pattern.compile("^(\\S+): version magic '.*' should be '.*'$");
  // "Loading of unsigned module is rejected", "... of module with unavailable key ...",
  // "... of module with unsupported crypto ...": the kernel names no module.
  private static final Pattern SIGNATURE = Pattern.compile("^Loading of .* is rejected$");
  private static final Pattern INVALID_ELF =
      Pattern.compile("^(Invalid ELF .*|Module len \\d+ truncated)$");
  // Signature failures other than an unknown key or no signature (a tampered one) have no kmsg.
  private static final Pattern BAD_PARAMETER =
      Pattern.compile("^(\\S+): `.*' (invalid|too large) for parameter `\\S+'$");
  private static final Pattern INSTALL_FAILED =
      Pattern.compile("Error running install command '.*' for module (\\S+): retcode \\d+$");
  private static final String KEY_REJECTED = "Key was rejected by service";
  private static final String MODULE_LAYOUT = "module_layout";

  private VerdictRules() {}

  /**
   * The verdict for {@code run}.
   *
   * @param scenario the scenario id for the verdict
   * @param file the target's file from the host's modprobe (null for built-in or not found)
   * @throws GuestFailure when the kernel's words fit no verdict
   */
  static LoadVerdict decide(String scenario, TargetRun run, String file) {
    return decide(scenario, run, file, ModuleNames.normalize(run.target()));
  }

  /**
   * The verdict for {@code run}, whose target names {@code module} (an alias resolved).
   *
   * @throws GuestFailure when the kernel's words fit no verdict
   */
  static LoadVerdict decide(String scenario, TargetRun run, String file, String module) {
    String target = module;
    String name = module;
    // What the kernel holds decides first: a post-softdep that fails after the target went live
    // makes modprobe fail, yet the target is loaded.
    if (run.initstate().equals("live")) {
      return verdict(
          scenario,
          target,
          file,
          LoadVerdict.LOADS,
          List.of(),
          null,
          TaintLetters.names(run.taint()));
    }
    if (run.exitCode() == 0 && run.builtin()) {
      return verdict(scenario, target, null, LoadVerdict.LOADS, List.of(), null, List.of());
    }
    if (run.exitCode() != 0 && ShowDepends.isNotFound(String.join("\n", run.modprobeOutput()))) {
      return verdict(scenario, target, null, LoadVerdict.NOT_FOUND, List.of(), null, List.of());
    }
    if (run.exitCode() == 0) {
      // modprobe did what modprobe.d told it: skipped a blacklisted alias, or ran an install
      // command that loads nothing.
      return verdict(scenario, target, null, LoadVerdict.SKIPPED, List.of(), null, List.of());
    }
    Failure failure = failure(run);
    if (failure == null) {
      failure = installFailure(run);
    }
    if (failure == null) {
      throw unexplained(run, "no kernel message or modprobe error this judge knows");
    }
    if (!failure.module().equals(name)) {
      return verdict(
          scenario,
          target,
          file,
          LoadVerdict.DEPENDENCY_FAILED,
          List.of(),
          failure.module(),
          List.of());
    }
    // A failed install command inserted nothing of the target's.
    String inserted = failure.verdict().equals(LoadVerdict.INSTALL_COMMAND_FAILED) ? null : file;
    return verdict(
        scenario, target, inserted, failure.verdict(), failure.symbols(), null, List.of());
  }

  /**
   * An install command that failed ({@code Error running install command '...' for module M:
   * retcode N}, libkmod's words), when the kernel said nothing; null otherwise.
   */
  static Failure installFailure(TargetRun run) {
    for (String line : run.modprobeOutput()) {
      Matcher m = INSTALL_FAILED.matcher(line);
      if (m.find()) {
        return new Failure(m.group(1), LoadVerdict.INSTALL_COMMAND_FAILED, List.of());
      }
    }
    return null;
  }

  /** The failing module and its reason, in the kernel's check order; null if none is known. */
  static Failure failure(TargetRun run) {
    List<String> insmods = run.insmods();
    String inProgress =
        insmods.isEmpty() ? null : ModuleNames.ofPath(insmods.get(insmods.size() - 1));
    boolean keyRejected = run.modprobeOutput().stream().anyMatch(l -> l.contains(KEY_REJECTED));
    if (inProgress != null
        && (keyRejected || run.kmsg().stream().anyMatch(l -> SIGNATURE.matcher(l).matches()))) {
      return new Failure(inProgress, LoadVerdict.SIGNATURE_REJECTED, List.of());
    }
    if (inProgress != null && run.kmsg().stream().anyMatch(l -> INVALID_ELF.matcher(l).matches())) {
      return new Failure(inProgress, LoadVerdict.INVALID_MODULE, List.of());
    }
    List<String> named = new ArrayList<>();
    TreeSet<String> disagreeing = new TreeSet<>();
    TreeSet<String> unknown = new TreeSet<>();
    boolean layout = false;
    boolean magic = false;
    boolean parameter = false;
    for (String line : run.kmsg()) {
      Matcher m;
      if ((m = BAD_PARAMETER.matcher(line)).matches()) {
        named.add(m.group(1));
        parameter = true;
        continue;
      }
      if ((m = DISAGREES.matcher(line)).matches()) {
        named.add(m.group(1));
        disagreeing.add(m.group(2));
        layout |= m.group(2).equals(MODULE_LAYOUT);
      } else if ((m = VERSION_MAGIC.matcher(line)).matches()) {
        named.add(m.group(1));
        magic = true;
      } else if ((m = UNKNOWN_SYMBOL.matcher(line)).matches()) {
        named.add(m.group(1));
        unknown.add(m.group(2));
      }
    }
    if (named.isEmpty()) {
      return null;
    }
    if (named.stream().distinct().count() > 1) {
      throw unexplained(run, "the kernel names more than one failing module: " + named);
    }
    String module = named.get(0);
    if (layout) {
      return new Failure(module, LoadVerdict.SYMBOL_VERSION_MISMATCH, List.of(MODULE_LAYOUT));
    }
    if (magic) {
      return new Failure(module, LoadVerdict.VERMAGIC_MISMATCH, List.of());
    }
    if (!disagreeing.isEmpty()) {
      return new Failure(module, LoadVerdict.SYMBOL_VERSION_MISMATCH, List.copyOf(disagreeing));
    }
    if (unknown.isEmpty() && parameter) {
      return new Failure(module, LoadVerdict.INVALID_PARAMETER, List.of());
    }
    return new Failure(module, LoadVerdict.UNKNOWN_SYMBOL, List.copyOf(unknown));
  }

  /** The module whose insertion failed (the kernel's name), the verdict and its symbols. */
  record Failure(String module, String verdict, List<String> symbols) {}

  private static LoadVerdict verdict(
      String scenario,
      String target,
      String file,
      String verdict,
      List<String> symbols,
      String blockedBy,
      List<String> taints) {
    return new LoadVerdict(scenario, target, file, verdict, symbols, blockedBy, taints);
  }

  private static GuestFailure unexplained(TargetRun run, String why) {
    return new GuestFailure(
        "the judge cannot classify what the kernel did: " + why + "\n" + run.describe());
  }
}
