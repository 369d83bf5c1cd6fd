package dev.rdmaforge.testkit.modules;

import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * New module files made from a built (or a Debian) module with the tools a kernel build and a
 * vendor use: {@code sign-file}, {@code objcopy}, {@code xz}, {@code zstd}. Each method writes a
 * new file at the target path the caller gives (parent directories are created, an existing file is
 * refused) and returns that path; the source is never changed, so cached modules stay intact.
 */
public final class ModuleVariants {

  private final Path signFile;
  private final TestSigningKey key;

  private ModuleVariants(Path signFile, TestSigningKey key) {
    this.signFile = signFile;
    this.key = key;
  }

  /**
   * Variants made with the {@code sign-file} of {@code release}'s installed headers and the test
   * kit's {@link TestSigningKey}.
   */
  public static ModuleVariants forRelease(String release) {
    Path signFile =
        Tools.require(
            "sign-file",
            "linux-headers-" + release,
            KbuildCompiler.headersDir(release).resolve("scripts/sign-file"));
    return new ModuleVariants(signFile, TestSigningKey.get());
  }

  /** The key {@link #signedCopy} signs with. */
  public TestSigningKey key() {
    return key;
  }

  /**
   * {@code ko} signed with the test key ({@code sign-file sha256 KEY CERT ko target}), as DKMS
   * signs with its MOK key.
   *
   * @throws IllegalArgumentException when {@code ko} is signed already
   */
  public Path signedCopy(Path ko, Path target) {
    requireUnsigned(ko, "signing it again would append a second signature");
    prepare(target);
    Processes.runChecked(
        null,
        List.of(
            signFile.toString(),
            "sha256",
            key.privateKey().toString(),
            key.certificate().toString(),
            ko.toString(),
            target.toString()));
    return target;
  }

  /**
   * {@code signedKo} with one bit of its ELF image flipped and its signature kept: a module the
   * kernel must refuse when the signing key is one it trusts ({@code -EKEYREJECTED}, even without
   * enforcement). With a key it does not know, it fails the key lookup before the digest is
   * checked.
   *
   * @throws IllegalArgumentException when {@code signedKo} has no signature
   */
  public static Path tamperedCopy(Path signedKo, Path target) {
    byte[] bytes = read(signedKo);
    Tampering.flipOneByte(bytes);
    prepare(target);
    write(target, bytes);
    return target;
  }

  /**
   * {@code ko} without symbol versions: {@code objcopy --rename-section
   * __versions=.discard_versions}, so the kernel checks the whole vermagic string instead of the
   * CRCs (a module built without CONFIG_MODVERSIONS data). Checked with {@code modprobe
   * --dump-modversions}, which must find nothing.
   *
   * @throws IllegalArgumentException when {@code ko} is signed (objcopy would break the signature)
   */
  public static Path withoutVersions(Path ko, Path target) {
    requireUnsigned(ko, "objcopy would invalidate its signature");
    prepare(target);
    Path objcopy = Tools.require("objcopy", "binutils");
    Processes.runChecked(
        null,
        List.of(
            objcopy.toString(),
            "--rename-section",
            "__versions=.discard_versions",
            ko.toString(),
            target.toString()));
    ProcessResult dump = ModuleTools.dumpModversions(target);
    if (!dump.stdout().isEmpty()) {
      throw new IllegalStateException(
          "objcopy left symbol versions in " + target + ":\n" + dump.describe());
    }
    return target;
  }

  /**
   * {@code ko} compressed as the kernel's {@code modules_install} compresses ({@code xz
   * --check=crc32 --lzma2=dict=1MiB}; the kernel's own decompressor knows only CRC32). Sign first:
   * the signature covers the uncompressed module.
   */
  public static Path xz(Path ko, Path target) {
    requireSuffix(target, ".ko.xz");
    prepare(target);
    Path xz = Tools.require("xz", "xz-utils");
    runToFile(
        List.of(xz.toString(), "--check=crc32", "--lzma2=dict=1MiB", "--stdout", ko.toString()),
        target);
    return target;
  }

  /** {@code ko} compressed with {@code zstd} as {@code modules_install} does. Sign first. */
  public static Path zst(Path ko, Path target) {
    requireSuffix(target, ".ko.zst");
    prepare(target);
    Path zstd = Tools.require("zstd", "zstd");
    Processes.runChecked(
        null, List.of(zstd.toString(), "-q", "-T0", "-o", target.toString(), ko.toString()));
    return target;
  }

  private static void requireUnsigned(Path ko, String why) {
    if (AppendedSignature.isSigned(read(ko))) {
      throw new IllegalArgumentException(ko + " is signed already: " + why);
    }
  }

  private static void requireSuffix(Path target, String suffix) {
    if (!target.getFileName().toString().endsWith(suffix)) {
      throw new IllegalArgumentException(
          target + " must end with " + suffix + ": kmod chooses the decompressor by the suffix");
    }
  }

  private static void prepare(Path target) {
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the directory of " + target, e);
    }
    if (Files.exists(target)) {
      throw new IllegalArgumentException(target + " exists already");
    }
  }

  private static void runToFile(List<String> command, Path target) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.redirectOutput(target.toFile());
    builder.redirectErrorStream(false);
    try {
      Process process = builder.start();
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      if (exit != 0) {
        throw new IllegalStateException(
            "command failed: " + String.join(" ", command) + "\nexit code " + exit + "\n" + err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }
}
