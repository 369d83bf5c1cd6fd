package dev.rdmaforge.testkit.judge;

import dev.rdmaforge.testkit.DebianKernel;
import dev.rdmaforge.testkit.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The real kernel as the judge of load verdicts: boots a Debian kernel under QEMU with an initramfs
 * holding busybox, the host's kmod and each scenario's modules, runs modprobe for each target and
 * reads the kernel's answer (kernel-modules.md §4, §6).
 *
 * <p>All scenarios of one {@link #judge} call share one boot, in order; every module is unloaded
 * between scenarios. Instances are immutable and may be used from parallel tests; at most {@value
 * QemuBoot#MAX_PARALLEL} boots run at once in one JVM.
 */
public final class KernelJudge {

  /**
   * System property: {@code true} keeps each boot's work directory (staged tree, archive, serial
   * log) under {@code java.io.tmpdir}. Default {@code false}; a failed boot always keeps it.
   */
  public static final String KEEP_PROPERTY = "rdmaforge.judge.keep";

  /**
   * System property: the initramfs compression, {@code none}, {@code gzip} or {@code zstd}.
   * Default {@code none}: compressing saved no time under TCG. Measured on 2 cores with the same
   * 28 MB archive (8 MB compressed), 5 interleaved boots each, host load 10: median wall time
   * none 20.4 s, zstd 21.1 s, gzip 22.2 s; uptime at {@code /init} 4.6, 5.2, 5.5 s.
   */
  public static final String COMPRESS_PROPERTY = "rdmaforge.judge.compress";

  // Budget: the boot itself (6-10 s measured, more on a loaded machine), then per target a
  // modprobe (well under a second under TCG), per 10 MiB of archive about one second to unpack.
  private static final Duration BASE_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration PER_TARGET = Duration.ofSeconds(2);
  private static final Duration PER_10_MIB = Duration.ofSeconds(1);

  private final DebianKernel kernel;
  private final boolean sigEnforce;

  private KernelJudge(DebianKernel kernel, boolean sigEnforce) {
    this.kernel = kernel;
    this.sigEnforce = sigEnforce;
  }

  /** A judge booting {@code kernel}'s {@code boot/vmlinuz-RELEASE}, signatures not enforced. */
  public static KernelJudge of(DebianKernel kernel) {
    Path vmlinuz = vmlinuz(kernel);
    if (!Files.isRegularFile(vmlinuz)) {
      throw new IllegalArgumentException(
          "linux-image-"
              + kernel.release()
              + " unpacked to "
              + kernel.root()
              + " has no "
              + vmlinuz);
    }
    return new KernelJudge(kernel, false);
  }

  /** The same judge, booting with {@code module.sig_enforce=1} when {@code enforce}. */
  public KernelJudge sigEnforce(boolean enforce) {
    return new KernelJudge(kernel, enforce);
  }

  /** The kernel command line of the boot. */
  public String commandLine() {
    return "console=ttyS0 panic=-1 quiet" + (sigEnforce ? " module.sig_enforce=1" : "");
  }

  /**
   * Boots once for all {@code scenarios} and returns a verdict for each target.
   *
   * @throws GuestFailure when the guest did not finish, could not unload a scenario's modules
   *     before the next one, or did something no verdict describes; the work directory is kept
   */
  public BootReport judge(List<JudgeScenario> scenarios) {
    if (scenarios.isEmpty()) {
      throw new IllegalArgumentException("give at least one scenario");
    }
    Set<String> ids = new HashSet<>();
    for (JudgeScenario scenario : scenarios) {
      if (!ids.add(scenario.id())) {
        throw new IllegalArgumentException("two scenarios are called " + scenario.id());
      }
    }
    Path workDir = createWorkDir();
    boolean keep = Boolean.getBoolean(KEEP_PROPERTY);
    try {
      return judgeIn(workDir, scenarios);
    } catch (IOException e) {
      keep = true;
      throw new UncheckedIOException("could not prepare the boot in " + workDir + ": " + e, e);
    } catch (RuntimeException e) {
      keep = true;
      e.addSuppressed(new IllegalStateException("work directory kept: " + workDir));
      throw e;
    } finally {
      if (!keep) {
        FileTrees.deleteRecursively(workDir);
      }
    }
  }

  private BootReport judgeIn(Path workDir, List<JudgeScenario> scenarios) throws IOException {
    Path tree = Files.createDirectories(workDir.resolve("initrd"));
    GuestTools.install(tree);
    ScenarioStaging staging = new ScenarioStaging(kernel.release(), tree);
    List<StagedScenario> staged = new ArrayList<>();
    for (int i = 0; i < scenarios.size(); i++) {
      staged.add(staging.stage(i, scenarios.get(i)));
    }
    Path init = tree.resolve("init");
    Files.writeString(init, InitScript.render(staged));
    Files.setPosixFilePermissions(init, PosixFilePermissions.fromString("rwxr-xr-x"));
    Initramfs.Compression compression =
        Initramfs.Compression.parse(System.getProperty(COMPRESS_PROPERTY, "none"));
    Initramfs.Packed packed = Initramfs.pack(tree, workDir, compression);

    int targets = scenarios.stream().mapToInt(s -> s.targets().size()).sum();
    long mib = packed.stats().contentBytes() >> 20;
    Duration timeout =
        BASE_TIMEOUT
            .plus(PER_TARGET.multipliedBy(targets))
            .plus(PER_10_MIB.multipliedBy(mib / 10 + 1));
    QemuBoot.Result boot =
        QemuBoot.run(
            vmlinuz(kernel),
            packed.file(),
            GuestMemory.mebibytes(packed.stats()),
            commandLine(),
            workDir,
            timeout);
    String log = boot.serialLog();
    if (boot.exitCode() == -1) {
      log += "\n(killed after " + timeout.toSeconds() + " s)";
    }
    SerialTranscript transcript = SerialTranscript.parse(log);
    return new BootReport(verdicts(staged, transcript), log, workDir, boot.wallTime());
  }

  private static List<LoadVerdict> verdicts(
      List<StagedScenario> staged, SerialTranscript transcript) {
    List<LoadVerdict> verdicts = new ArrayList<>();
    List<TargetRun> runs = transcript.runs();
    int next = 0;
    for (StagedScenario scenario : staged) {
      for (String target : scenario.scenario().targets()) {
        if (next >= runs.size()) {
          throw new GuestFailure(
              "the serial log has no record for "
                  + target
                  + " in scenario "
                  + scenario.scenario().id());
        }
        TargetRun run = runs.get(next++);
        if (run.scenarioIndex() != scenario.index() || !run.target().equals(target)) {
          throw new GuestFailure(
              "the serial log's records are out of step: expected "
                  + target
                  + " of /s"
                  + scenario.index()
                  + ", found "
                  + run.target()
                  + " of /s"
                  + run.scenarioIndex());
        }
        verdicts.add(
            VerdictRules.decide(
                scenario.scenario().id(), run, scenario.fileOf(target), scenario.moduleOf(target)));
      }
      List<String> left = transcript.leftAfter(scenario.index());
      if (!left.isEmpty() && scenario.index() < staged.size() - 1) {
        throw new GuestFailure(
            "modules of scenario "
                + scenario.scenario().id()
                + " could not be unloaded, so the next scenarios would not start clean: "
                + left
                + "; judge them in separate boots");
      }
    }
    return verdicts;
  }

  private static Path createWorkDir() {
    try {
      return Files.createTempDirectory("rdmaforge-judge-");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a work directory: " + e.getMessage(), e);
    }
  }

  private static Path vmlinuz(DebianKernel kernel) {
    return kernel.root().resolve("boot/vmlinuz-" + kernel.release());
  }
}
