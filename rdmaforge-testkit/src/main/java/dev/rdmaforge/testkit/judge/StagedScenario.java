package dev.rdmaforge.testkit.judge;

import java.util.Map;

/**
 * A scenario placed in the initramfs at {@code /sN}.
 *
 * @param index N
 * @param scenario the scenario
 * @param targetFiles for each target, the file modprobe inserts for it relative to {@code
 *     lib/modules/KVER}, or the empty string for a built-in or missing module (host side, from the
 *     same modules.dep the guest reads)
 */
record StagedScenario(int index, JudgeScenario scenario, Map<String, String> targetFiles) {

  StagedScenario {
    targetFiles = Map.copyOf(targetFiles);
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
