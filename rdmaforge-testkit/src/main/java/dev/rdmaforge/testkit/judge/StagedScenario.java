package dev.rdmaforge.testkit.judge;

import java.util.Map;

/**
 * A scenario placed in the initramfs at {@code /sN}.
 *
 * @param index N
 * @param scenario the scenario
 * @param targetFiles for each target, the file modprobe inserts for it relative to {@code
 *     lib/modules/KVER} (when an install line replaces the insertion: modules.dep's file for its
 *     module), or the empty string for a built-in or missing module (host side, from the same
 *     modules.dep the guest reads)
 * @param targetModules for each target, the module its name resolves to ({@code modprobe -R}: an
 *     alias becomes the module it names); the target itself, normalised, when it resolves to none
 */
record StagedScenario(
    int index,
    JudgeScenario scenario,
    Map<String, String> targetFiles,
    Map<String, String> targetModules) {

  StagedScenario {
    targetFiles = Map.copyOf(targetFiles);
    targetModules = Map.copyOf(targetModules);
  }

  /** A scenario whose targets are module names, not aliases. */
  StagedScenario(int index, JudgeScenario scenario, Map<String, String> targetFiles) {
    this(index, scenario, targetFiles, Map.of());
  }

  /** The module {@code target} names: itself, or what its alias resolves to. */
  String moduleOf(String target) {
    return targetModules.getOrDefault(target, ModuleNames.normalize(target));
  }

  /** The directory in the guest: {@code /sN}. */
  String guestDir() {
    return "/s" + index;
  }

  /** The target's file, or null for a built-in or missing module. */
  String fileOf(String target) {
    String file = targetFiles.get(target);
    return file == null || file.isEmpty() ? null : file;
  }
}
