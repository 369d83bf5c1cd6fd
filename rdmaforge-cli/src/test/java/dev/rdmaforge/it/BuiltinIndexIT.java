package dev.rdmaforge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.depmod.index.BuiltinIndexOutput;
import dev.rdmaforge.depmod.index.BuiltinIndexes;
import dev.rdmaforge.depmod.index.DepmodMessage;
import dev.rdmaforge.testkit.RealDepmod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * modules.builtin.bin and modules.builtin.alias.bin from {@link BuiltinIndexes}, byte for byte
 * against kmod 30's depmod run on the same synthetic module directory (no .ko files: only
 * modules.builtin, modules.builtin.modinfo and an empty modules.order), together with depmod's
 * stderr and exit code. depmod must be installed (Debian package kmod); the test fails without it.
 */
class BuiltinIndexIT {
  private static final String KVER = "6.1.0-99-amd64";

  /** An input file: its bytes, absent, or a directory in its place. */
  private record Input(byte[] bytes, boolean directory) {
    static final Input MISSING = new Input(null, false);
    static final Input DIRECTORY = new Input(null, true);

    static Input of(String latin1) {
      return new Input(latin1.getBytes(StandardCharsets.ISO_8859_1), false);
    }

    void writeTo(Path file) throws IOException {
      if (directory) {
        Files.createDirectory(file);
      } else if (bytes != null) {
        Files.write(file, bytes);
      }
    }
  }

  /** One module directory: modules.builtin and modules.builtin.modinfo. */
  private record Tree(Input builtin, Input modinfo) {}

  static Stream<Named<Tree>> trees() {
    List<Named<Tree>> trees = new ArrayList<>();
    trees.add(
        Named.of(
            "a Debian-like kernel: paths with dashes, aliases among other modinfo keys",
            new Tree(
                Input.of(
                    "kernel/drivers/usb/host/ehci-hcd.ko\n"
                        + "kernel/drivers/usb/host/ehci-pci.ko\n"
                        + "kernel/fs/ext4/ext4.ko\n"
                        + "kernel/crypto/crc32c_generic.ko\n"
                        + "kernel/drivers/char/agp/agpgart.ko\n"),
                Input.of(
                    "ehci_hcd.license=GPL\0"
                        + "ehci_hcd.parmtype=log2_irq_thresh:int\0"
                        + "ehci_pci.alias=pci:v*d*sv*sd*bc0Csc03i20*\0"
                        + "ext4.alias=fs-ext4\0"
                        + "ext4.alias=ext3\0"
                        + "ext4.alias=fs-ext3\0"
                        + "ext4.file=fs/ext4/ext4\0"
                        + "crc32c_generic.alias=crypto-crc32c\0"
                        + "crc32c_generic.alias=crc32c\0"
                        + "crc32c_generic.alias=crypto-crc32c-generic\0"
                        + "agpgart.alias=char-major-10-175\0"
                        + "agpgart.description=AGP GART driver\0"))));
    trees.add(
        Named.of(
            "aliases with glob, bracket, punctuation and control characters",
            new Tree(
                Input.of("kernel/a/odd-chars.ko\n"),
                Input.of(
                    "odd_chars.alias=acpi*:PNP0A0[3-8]:*\0"
                        + "odd-chars.alias=of:N*T*Cfsl,imx-gpio\0"
                        + "odd_chars.alias=dmi*:svn*:pn*:rvnLENOVO:*\0"
                        + "odd_chars.alias=x[[]-y\0"
                        + "odd_chars.alias=with space\\and~tilde\0"
                        + "odd_chars.alias=ctl\u0001\u007f\u001f\0"
                        + "odd_chars.alias=-\0"
                        + "odd_chars.alias=usb:v]\0"
                        + "odd_chars.alias=usb:v[0-9\0"
                        + "odd_chars.alias=?\0"
                        + "odd_chars.alias=caf\u00c3\u00a9 au lait\0"
                        + "odd_chars.alias=acpi*:PNP0A0[3-8]:*X\0"
                        + "odd_chars.alias=acpi\0"))));
    trees.add(
        Named.of(
            "one module with many aliases, and one alias claimed by several modules",
            new Tree(
                Input.of("kernel/x/a.ko\nkernel/x/b.ko\nkernel/x/c.ko\n"),
                Input.of(
                    "a.alias=shared\0a.alias=a1\0a.alias=a2\0a.alias=a3\0b.alias=shared\0"
                        + "c.alias=shared\0b.alias=a1\0c.alias=a\0"))));
    trees.add(
        Named.of(
            "duplicate lines and duplicate records",
            new Tree(
                Input.of("kernel/x/dup.ko\nkernel/x/dup.ko\nkernel/y/dup.ko\nkernel/z/other.ko\n"),
                Input.of("dup.alias=d\0dup.alias=d\0other.alias=d\0dup.alias=d\0"))));
    trees.add(
        Named.of(
            "a kernel without modules.builtin.modinfo (before Linux 5.2)",
            new Tree(Input.of("kernel/x/a.ko\n"), Input.MISSING)));
    trees.add(
        Named.of("a tree with neither input file", new Tree(Input.MISSING, Input.MISSING)));
    trees.add(Named.of("empty input files", new Tree(Input.of(""), Input.of(""))));
    trees.add(
        Named.of(
            "malformed modules.builtin lines and modinfo records",
            new Tree(
                Input.of(
                    "/abs/path.ko\n\n9lives.ko\nkernel/crlf.ko\r\nnodot\nkernel/x/a.ko\n"
                        + "abc/\0hidden\nkernel/"
                        + "d".repeat(4090)
                        + "/long.ko\nkernel/last.ko"),
                Input.of(
                    "nodot\0a.alias=one\0b.noequals\0swallowed.alias=lost\0c.alias=\0"
                        + "d.alias=bad]x\0"
                        + "n".repeat(4100)
                        + ".alias=cut\0"
                        + "e.alias="
                        + "v".repeat(5000)
                        + "\0f.alias=unterminated"))));
    trees.add(
        Named.of(
            "inputs that are directories: depmod fails on modules.builtin.alias.bin",
            new Tree(Input.DIRECTORY, Input.DIRECTORY)));
    for (long seed = 1; seed <= 8; seed++) {
      trees.add(Named.of("random tree, seed " + seed, randomTree(seed)));
    }
    return trees.stream();
  }

  /**
   * A random modules.builtin and modules.builtin.modinfo. ASCII only: a trie branch on a byte of
   * 0x80 or above makes depmod's output undefined.
   */
  private static Tree randomTree(long seed) {
    Random random = new Random(seed);
    String nameChars = "abc-_9";
    String aliasChars = "ab:*-[]09?";
    StringBuilder builtin = new StringBuilder();
    StringBuilder modinfo = new StringBuilder();
    int modules = 1 + random.nextInt(200);
    for (int m = 0; m < modules; m++) {
      String name = randomString(random, nameChars, 1 + random.nextInt(6));
      builtin.append(random.nextInt(20) == 0 ? "9" : "kernel/d/").append(name).append(".ko\n");
      int records = random.nextInt(5);
      for (int r = 0; r < records; r++) {
        String key = random.nextInt(4) == 0 ? "license" : "alias";
        modinfo.append(name.replace('-', '_')).append('.').append(key).append('=');
        modinfo.append(randomString(random, aliasChars, random.nextInt(10))).append('\0');
      }
    }
    return new Tree(Input.of(builtin.toString()), Input.of(modinfo.toString()));
  }

  private static String randomString(Random random, String chars, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(chars.charAt(random.nextInt(chars.length())));
    }
    return sb.toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trees")
  void builtinIndexes_sameBytesMessagesAndExitCodeAsDepmod(Tree tree, @TempDir Path work)
      throws Exception {
    Path root = work.resolve("root").toAbsolutePath();
    Path moduleDir = Files.createDirectories(root.resolve("lib/modules/" + KVER));
    Path emptyConfig = Files.createDirectories(work.resolve("empty-depmod.d"));
    tree.builtin().writeTo(moduleDir.resolve(BuiltinIndexes.MODULES_BUILTIN));
    tree.modinfo().writeTo(moduleDir.resolve(BuiltinIndexes.MODULES_BUILTIN_MODINFO));
    Files.write(moduleDir.resolve("modules.order"), new byte[0]);

    // Ours first: depmod adds its outputs to the same directory.
    String dirname = root + "/lib/modules/" + KVER;
    BuiltinIndexOutput builtin = BuiltinIndexes.modulesBuiltinBin(moduleDir, dirname);
    BuiltinIndexOutput alias = BuiltinIndexes.modulesBuiltinAliasBin(moduleDir, dirname);

    Run real = runDepmod("-b", root.toString(), "-C", emptyConfig.toString(), KVER);

    StringBuilder expectedStderr = new StringBuilder();
    for (DepmodMessage m : builtin.messages()) {
      expectedStderr.append(m.stderrText());
    }
    for (DepmodMessage m : alias.messages()) {
      expectedStderr.append(m.stderrText());
    }
    assertThat(real.stderr()).as("depmod's stderr").isEqualTo(expectedStderr.toString());
    assertThat(real.exitCode()).as(real.stderr()).isEqualTo(alias.failed() ? 1 : 0);
    assertSameFile(moduleDir, builtin);
    assertSameFile(moduleDir, alias);
  }

  private static void assertSameFile(Path moduleDir, BuiltinIndexOutput ours) throws IOException {
    Path written = moduleDir.resolve(ours.fileName());
    if (ours.content().isEmpty()) {
      assertThat(written).as("depmod writes no " + ours.fileName()).doesNotExist();
      return;
    }
    assertThat(written).as("depmod writes " + ours.fileName()).isRegularFile();
    assertThat(hex(ours.content().get()))
        .as(ours.fileName())
        .isEqualTo(hex(Files.readAllBytes(written)));
  }

  private static String hex(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(bytes);
  }

  private record Run(int exitCode, String stderr) {}

  /** Runs the real depmod, keeping stderr's bytes (as ISO-8859-1) since messages quote input. */
  private static Run runDepmod(String... args) throws Exception {
    Process process =
        new ProcessBuilder(RealDepmod.command(List.of(args)))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    process.getOutputStream().close();
    CompletableFuture<byte[]> stderr =
        CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    int exitCode = process.waitFor();
    return new Run(exitCode, new String(stderr.get(), StandardCharsets.ISO_8859_1));
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
