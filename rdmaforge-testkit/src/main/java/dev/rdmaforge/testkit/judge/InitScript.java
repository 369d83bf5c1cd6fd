package dev.rdmaforge.testkit.judge;

import java.util.List;

/**
 * The guest's {@code /init}: for each scenario and target, the real modprobe, its exit code, the
 * kernel messages it caused ({@code dmesg -c}) and the module's state in sysfs; between scenarios
 * every module is unloaded so the next one starts with a clean kernel (module names are global).
 * Targets of one scenario share the kernel, as they would on a node.
 *
 * <p>The transcript protocol ({@code === } lines) is what {@link SerialTranscript} reads. Kernel
 * messages reach the serial console only at emergency level ({@code printk 1}), so the console
 * carries the transcript and {@code dmesg -c} hands each step its own messages.
 */
final class InitScript {

  static final String MARK = "=== ";

  private InitScript() {}

  /** The script text for the staged scenarios, in order. */
  static String render(List<StagedScenario> scenarios) {
    StringBuilder s = new StringBuilder();
    s.append("#!/bin/sh\n")
        .append("export PATH=/bin:/kbin\n")
        .append("mount -t proc proc /proc\n")
        .append("mount -t sysfs sysfs /sys\n")
        .append("mount -t devtmpfs devtmpfs /dev\n")
        .append("echo 1 > /proc/sys/kernel/printk\n")
        .append("dmesg -c > /dev/null\n")
        .append("unload() {\n")
        // /proc/modules lists the newest first, so one pass removes most; users go before the
        // modules they use. The bound stops on a module that refuses to go (no exit function).
        .append("  i=0\n")
        .append("  while grep -q . /proc/modules && [ $i -lt 16 ]; do\n")
        .append("    while read -r m rest; do rmmod \"$m\" 2> /dev/null; done < /proc/modules\n")
        .append("    i=$((i + 1))\n")
        .append("  done\n")
        .append("  dmesg -c > /dev/null\n")
        .append("}\n")
        .append("echo \"" + MARK + "INIT $(cat /proc/uptime)\"\n");
    for (StagedScenario staged : scenarios) {
      String dir = staged.guestDir();
      String modprobe = "/kbin/modprobe -d " + dir + " -C " + dir + "/etc/modprobe.d";
      // The places a plain "modprobe" reads, for the ones install lines start.
      s.append("ln -sfn " + dir + "/lib/modules /lib/modules\n")
          .append("ln -sfn " + dir + "/etc/modprobe.d /etc/modprobe.d\n");
      for (String target : staged.scenario().targets()) {
        String sys = "/sys/module/" + staged.moduleOf(target);
        s.append("echo \"" + MARK + "TARGET " + staged.index() + " " + target + "\"\n")
            .append(modprobe + " -v " + target + " 2>&1\n")
            .append("echo \"" + MARK + "RC $?\"\n")
            .append("echo \"" + MARK + "KMSG\"\n")
            .append("dmesg -c\n")
            .append("echo \"" + MARK + "STATE\"\n")
            .append("echo \"initstate=$(cat " + sys + "/initstate 2> /dev/null)\"\n")
            .append("echo \"taint=$(cat " + sys + "/taint 2> /dev/null)\"\n")
            .append(modprobe + " --show-depends " + target + " 2> /dev/null | grep '^builtin '\n")
            .append("echo \"" + MARK + "END\"\n");
      }
      s.append("unload\n")
          .append("echo \"" + MARK + "LEFT " + staged.index() + " $(while read -r m rest; do ")
          .append("echo -n \"$m \"; done < /proc/modules)\"\n");
    }
    s.append("echo \"" + MARK + "DONE $(cat /proc/uptime)\"\n").append("poweroff -f\n");
    return s.toString();
  }
}
