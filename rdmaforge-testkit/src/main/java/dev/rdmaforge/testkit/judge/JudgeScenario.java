package dev.rdmaforge.testkit.judge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One image root to judge.
 *
 * <p>{@code root} holds {@code lib/modules/KVER} (symbolic links inside it may be absolute; they
 * resolve inside {@code root}, as on the booted image) and optionally {@code etc/depmod.d} and
 * {@code etc/modprobe.d}. The judge runs the image's own depmod in it (chrooted), which writes the
 * {@code modules.*} files and places the host's kmod under {@code root/.rdmaforge-host-kmod}: use a
 * scratch copy, never a cached kernel tree.
 *
 * @param id a short name, unique within one boot, that labels the verdicts
 * @param root the image root
 * @param targets module names given to modprobe, in order, sharing one kernel (as on a node)
 */
public record JudgeScenario(String id, Path root, List<String> targets) {

  // Targets end up in a shell script and in /sys/module paths: plain module names only.
  private static final Pattern MODULE_NAME = Pattern.compile("[A-Za-z0-9_-]+");

  public JudgeScenario {
    if (id == null || !MODULE_NAME.matcher(id.replace('.', '_')).matches()) {
      throw new IllegalArgumentException(
          "scenario id '" + id + "': use letters, digits, '.', '_' and '-' only");
    }
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("scenario " + id + ": root " + root + " is no directory");
    }
    root = root.toAbsolutePath().normalize();
    targets = List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("scenario " + id + ": give at least one target module");
    }
    for (String target : targets) {
      if (!MODULE_NAME.matcher(target).matches()) {
        throw new IllegalArgumentException(
            "scenario " + id + ": target '" + target + "' is no module name ([A-Za-z0-9_-]+)");
      }
    }
  }

  /** A scenario with the targets given as arguments. */
  public static JudgeScenario of(String id, Path root, String... targets) {
    return new JudgeScenario(id, root, List.of(targets));
  }
}
