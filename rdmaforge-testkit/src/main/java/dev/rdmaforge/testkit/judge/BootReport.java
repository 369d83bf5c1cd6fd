package dev.rdmaforge.testkit.judge;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of one boot.
 *
 * @param verdicts one per target, scenarios in the order given, targets in order
 * @param serialLog everything the guest wrote to its serial console (the raw evidence)
 * @param workDir the boot's work directory (initramfs tree and archive, serial log); it still
 *     exists only when {@code -Drdmaforge.judge.keep=true}
 * @param boot wall time of the QEMU run, from start to power-off
 */
public record BootReport(
    List<LoadVerdict> verdicts, String serialLog, Path workDir, Duration boot) {

  public BootReport {
    verdicts = List.copyOf(verdicts);
  }

  /**
   * The verdict for {@code module} in scenario {@code scenarioId}; {@code module} may be given as
   * modprobe takes it, with dashes.
   */
  public LoadVerdict verdict(String scenarioId, String module) {
    String name = ModuleNames.normalize(module);
    return verdicts.stream()
        .filter(v -> v.scenario().equals(scenarioId) && v.module().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no verdict for " + module + " in scenario " + scenarioId + ": " + verdicts));
  }
}
