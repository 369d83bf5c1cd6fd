package dev.rdmaforge.testkit.judge;

import java.util.List;

/**
 * What the guest recorded for one target.
 *
 * @param scenarioIndex N of {@code /sN}
 * @param target the name given to modprobe
 * @param modprobeOutput modprobe's output lines ({@code insmod PATH}, {@code modprobe: ERROR: ...})
 * @param exitCode modprobe's exit code
 * @param kmsg the kernel's messages during the step, time stamps removed
 * @param initstate {@code /sys/module/M/initstate} ({@code live}), empty when absent
 * @param taint {@code /sys/module/M/taint}, empty when absent
 * @param builtin whether the guest's modprobe names the module built in
 */
record TargetRun(
    int scenarioIndex,
    String target,
    List<String> modprobeOutput,
    int exitCode,
    List<String> kmsg,
    String initstate,
    String taint,
    boolean builtin) {

  TargetRun {
    modprobeOutput = List.copyOf(modprobeOutput);
    kmsg = List.copyOf(kmsg);
  }

  /** The paths of modprobe's {@code insmod} lines, in order. */
  List<String> insmods() {
    return modprobeOutput.stream()
        .filter(l -> l.startsWith("insmod "))
        .map(l -> l.substring("insmod ".length()).strip().split(" ", 2)[0])
        .toList();
  }

  /** The whole record as text, for failure messages. */
  String describe() {
    return "target "
        + target
        + " in /s"
        + scenarioIndex
        + ": modprobe exit "
        + exitCode
        + "\n  modprobe: "
        + String.join("\n  modprobe: ", modprobeOutput)
        + "\n  kmsg: "
        + String.join("\n  kmsg: ", kmsg)
        + "\n  initstate="
        + initstate
        + " taint="
        + taint
        + " builtin="
        + builtin;
  }
}
