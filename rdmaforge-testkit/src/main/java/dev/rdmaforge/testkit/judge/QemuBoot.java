package dev.rdmaforge.testkit.judge;

import dev.rdmaforge.testkit.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One QEMU boot of a Debian kernel with an initramfs, recipe of kernel-modules.md §6: TCG (nested
 * KVM hangs after EDD probing), machine {@code pc} ({@code microvm} hangs calibrating the TSC when
 * VMs outnumber cores), the serial console to a file and no {@code -nographic} (which hangs in the
 * background).
 */
final class QemuBoot {

  /** Boots at once, over all judges of the JVM: two cores, TCG is one busy thread per guest. */
  static final int MAX_PARALLEL = 2;

  private static final Semaphore SLOTS = new Semaphore(MAX_PARALLEL, true);

  /**
   * The boot's result.
   *
   * @param serialLog what the guest wrote to its serial console
   * @param exitCode QEMU's exit code, or -1 when it was killed at the timeout
   * @param wallTime from QEMU's start to its end
   */
  record Result(String serialLog, int exitCode, Duration wallTime) {}

  private QemuBoot() {}

  /** Boots and waits, at most {@code timeout}; the serial log goes to {@code workDir}. */
  static Result run(
      Path vmlinuz, Path initrd, int memoryMiB, String append, Path workDir, Duration timeout) {
    Path qemu = Tools.require("qemu-system-x86_64", "qemu-system-x86");
    Path serial = workDir.resolve("serial.log");
    List<String> command = new ArrayList<>(List.of(qemu.toString(), "-accel", "tcg", "-M", "pc"));
    command.addAll(List.of("-m", memoryMiB + "M", "-smp", "1", "-display", "none"));
    command.addAll(List.of("-serial", "file:" + serial, "-no-reboot"));
    command.addAll(List.of("-kernel", vmlinuz.toString(), "-initrd", initrd.toString()));
    command.addAll(List.of("-append", append));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.redirectErrorStream(true);
    builder.redirectOutput(workDir.resolve("qemu.out").toFile());
    SLOTS.acquireUninterruptibly();
    Process process = null;
    try {
      long start = System.nanoTime();
      process = builder.start();
      int exitCode = -1;
      if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        exitCode = process.exitValue();
      } else {
        process.destroyForcibly().waitFor();
      }
      Duration wall = Duration.ofNanos(System.nanoTime() - start);
      String log =
          Files.exists(serial) ? Files.readString(serial, StandardCharsets.ISO_8859_1) : "";
      if (exitCode != 0 && log.isEmpty()) {
        log = "(no serial output; QEMU said:)\n" + Files.readString(workDir.resolve("qemu.out"));
      }
      return new Result(log, exitCode, wall);
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for QEMU", e);
    } finally {
      if (process != null && process.isAlive()) {
        process.destroyForcibly();
      }
      SLOTS.release();
    }
  }
}
