package dev.rdmaforge.pkg.root;

import dev.rdmaforge.pkg.PackageFile;
import dev.rdmaforge.pkg.PackageScript;
import dev.rdmaforge.pkg.ScriptPhase;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the install-time scripts of a package would do, read from their text: rdmaforge never runs
 * them. Commands that matter for module loading are recognised by name (depmod, RHEL's
 * weak-modules, initramfs builders, kernel hooks); each gets its effect and whether rdmaforge
 * reproduces it. A script with no recognised command is listed with its first command and "effect
 * unknown". Removal scripts ({@code %preun}, {@code prerm}, ...) do not run on installation and
 * are left out.
 */
final class ScriptEffects {
  /** The phases a package manager runs when it installs a package. */
  static final Set<ScriptPhase> INSTALL_PHASES = EnumSet.of(ScriptPhase.PRE_TRANSACTION,
      ScriptPhase.PRE_INSTALL, ScriptPhase.POST_INSTALL, ScriptPhase.POST_TRANSACTION);

  private ScriptEffects() {}

  /** The effects of {@code pkg}'s install-time scripts, in script then line order. */
  static List<ScriptEffect> of(PackageFile pkg, String kernelRelease) {
    List<ScriptEffect> effects = new ArrayList<>();
    for (PackageScript script : pkg.scripts()) {
      if (!INSTALL_PHASES.contains(script.phase())) {
        continue;
      }
      int before = effects.size();
      String first = null;
      for (String raw : script.body().split("\n")) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (first == null && !line.startsWith("set ")) {
          first = line;
        }
        String effect = effect(line, kernelRelease);
        if (effect != null) {
          effects.add(new ScriptEffect(pkg.label(), script.phase(), line,
              effect.substring(2), effect.charAt(0) == 'P'));
        }
      }
      if (effects.size() == before && first != null) {
        effects.add(new ScriptEffect(pkg.label(), script.phase(), first,
            "not run, effect unknown: rdmaforge does not interpret this script", false));
      }
    }
    return effects;
  }

  /** Whether {@code script} runs RHEL's weak-modules to add modules (kmodtool's %post). */
  static boolean addsWeakModules(PackageScript script) {
    String body = script.body();
    return INSTALL_PHASES.contains(script.phase()) && body.contains("weak-modules")
        && (body.contains("--add-modules") || body.contains("--add-kernel"));
  }

  /** "P:" + effect when predicted, "N:" + effect when not, null for a line of no interest. */
  private static String effect(String line, String kernelRelease) {
    List<String> words = List.of(line.toLowerCase(Locale.ROOT).split("[\\s;|&()`$\"']+"));
    if (has(words, "weak-modules")) {
      if (line.contains("--add-modules")) {
        return "P:not run, effect predicted: weak-updates links for kernel " + kernelRelease
            + " to the modules it lists that are compatible (see the predicted links)";
      }
      if (line.contains("--add-kernel")) {
        return "P:not run, effect predicted: weak-updates links in this kernel to the compatible"
            + " modules of other kernels' extra/ (see the predicted links)";
      }
      return "N:not run, effect: changes weak-updates links; not predicted";
    }
    if (has(words, "depmod")) {
      return "P:not run, effect predicted: modules.dep and the module indexes; rdmaforge resolves"
          + " the module tree itself exactly as depmod would";
    }
    if (has(words, "dracut") || has(words, "update-initramfs") || has(words, "mkinitrd")
        || has(words, "mkinitramfs")) {
      return "N:not run, effect: rebuilds the initramfs; the modules it holds are not checked"
          + " (check reads the root)";
    }
    if (has(words, "kernel-install")) {
      return "N:not run, effect: kernel-install plugins (depmod, weak-modules --add-kernel,"
          + " initramfs, boot entry); depmod is predicted, the rest not";
    }
    if (has(words, "run-parts") && line.contains("/etc/kernel/")) {
      return "N:not run, effect: the kernel hooks in /etc/kernel/ (initramfs, boot loader);"
          + " not predicted";
    }
    if (has(words, "linux-update-symlinks") || has(words, "update-grub") || has(words, "grubby")
        || has(words, "new-kernel-pkg") || has(words, "grub2-mkconfig")) {
      return "N:not run, effect: boot loader entries or /vmlinuz links; no effect on module"
          + " loading";
    }
    if (has(words, "modprobe") || has(words, "insmod") || has(words, "rmmod")) {
      return "N:not run, effect: loads or unloads modules on the installing machine; no effect"
          + " on the image";
    }
    return null;
  }

  /** Whether a word is {@code command} or a path ending in {@code /command}. */
  private static boolean has(List<String> words, String command) {
    for (String w : words) {
      if (w.equals(command) || w.endsWith("/" + command)) {
        return true;
      }
    }
    return false;
  }
}
