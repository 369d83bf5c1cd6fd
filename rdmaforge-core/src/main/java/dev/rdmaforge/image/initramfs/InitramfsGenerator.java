package dev.rdmaforge.image.initramfs;

import dev.rdmaforge.depmod.Resolution;
import java.util.List;

/** The tool that regenerates the image's initramfs, with the configuration the root gives it. */
public interface InitramfsGenerator {
  /** {@code initramfs-tools} or {@code dracut}. */
  String name();

  /**
   * Whether the next regeneration for this root includes each of {@code modules} (names), given
   * the root's own module resolution (the generator follows modprobe, so the winner of a name is
   * what goes in, with its modules.dep dependencies).
   */
  List<Inclusion> inclusion(List<String> modules, Resolution resolution);

  /** The file (relative to the root) to which the module lines are added. */
  String fixFile();

  /** The lines that make the generator include {@code modules}. */
  List<String> fixLines(List<String> modules);

  /** The command, run in the root, that regenerates the initramfs for {@code release}. */
  String regenerateCommand(String release);
}
