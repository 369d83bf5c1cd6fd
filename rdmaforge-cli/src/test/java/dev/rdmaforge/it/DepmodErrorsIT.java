package dev.rdmaforge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.testkit.DebianKernel;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.DepmodSideBySide;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Rdmaforge;
import dev.rdmaforge.testkit.RealDepmod;
import dev.rdmaforge.testkit.ScenarioTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken input: damaged module files, a missing module directory, unreadable or odd configuration,
 * bad arguments. rdmaforge must print the same warnings and errors and exit with the same code as
 * kmod's depmod, and write the same files when it writes any.
 */
class DepmodErrorsIT {

  private static final String CORE = "kernel/drivers/infiniband/core/";
  private static final String IB_CORE = CORE + "ib_core.ko";
  private static final List<String> DEFAULT_ARGS =
      List.of("-a", "-b", "{BASE}", "-C", "{BASE}/cfg", "{KVER}");

  /** One case: a tree and the depmod arguments ({BASE}, {KVER} substituted). */
  record BrokenInput(ScenarioTree tree, List<String> args) {}

  static Stream<Arguments> brokenInputs() {
    DebianKernel k = DebianKernels.newest61();
    byte[] ibCore = read(k.module(IB_CORE));
    List<Arguments> cases = new ArrayList<>();
    cases.add(
        broken(
            "a text file named like a module (not ELF)",
            small(k)
                .moduleFile("updates/notes.ko", "see README\n".getBytes(StandardCharsets.UTF_8))));
    cases.add(
        broken(
            "an empty module file (a failed copy)",
            small(k).moduleFile("updates/empty.ko", new byte[0])));
    cases.add(
        broken(
            "ib_core.ko cut off after 4 KiB (an interrupted copy shadows in-tree)",
            small(k).moduleFile("updates/ib_core.ko", Arrays.copyOf(ibCore, 4096))));
    cases.add(
        broken(
            "ib_core.ko cut off inside the ELF header",
            small(k).moduleFile("updates/ib_core.ko", Arrays.copyOf(ibCore, 40))));
    cases.add(
        broken(
            "section header table offset beyond the end of the file",
            small(k)
                .moduleFile(
                    "updates/ib_core.ko", withSectionTableOffset(ibCore, ibCore.length + 4096L))));
    cases.add(
        broken(
            "section count larger than the file can hold",
            small(k).moduleFile("updates/ib_core.ko", withSectionCount(ibCore, 0xffff))));
    cases.add(
        broken(
            "a 32-bit ELF class byte on a 64-bit module",
            small(k).moduleFile("updates/ib_core.ko", withByte(ibCore, 4, (byte) 1))));
    cases.add(
        broken(
            "a .ko.xz that is not xz data",
            small(k).moduleFile("updates/ib_core.ko.xz", Arrays.copyOf(ibCore, 8192))));
    cases.add(
        broken(
            "a .ko.zst that is not zstd data",
            small(k)
                .moduleFile(
                    "updates/ib_core.ko.zst", "not zstd".getBytes(StandardCharsets.UTF_8))));
    cases.add(
        broken(
            "the module directory does not exist (wrong kernel release)",
            ScenarioTree.of(k).directory("cfg"),
            List.of("-a", "-b", "{BASE}", "-C", "{BASE}/cfg", "9.9.9-nonexistent")));
    cases.add(
        broken(
            "the base directory does not exist",
            ScenarioTree.of(k).directory("cfg"),
            List.of("-a", "-b", "{BASE}/nowhere", "-C", "{BASE}/cfg", "{KVER}")));
    cases.add(
        broken(
            "a kernel release that is not a version number",
            small(k),
            List.of("-a", "-b", "{BASE}", "-C", "{BASE}/cfg", "current")));
    cases.add(
        broken(
            "-E names a Module.symvers that does not exist",
            small(k),
            List.of(
                "-a",
                "-e",
                "-E",
                "{BASE}/no/Module.symvers",
                "-b",
                "{BASE}",
                "-C",
                "{BASE}/cfg",
                "{KVER}")));
    cases.add(
        broken(
            "modules.order whose last line lacks its newline",
            small(k)
                .file(
                    "lib/modules/" + k.release() + "/modules.order",
                    "kernel/drivers/infiniband/core/ib_core.ko\nkernel/drivers/net/tun.ko")));
    cases.add(
        broken(
            "a kernel without modules.builtin, modules.builtin.modinfo, modules.order",
            ScenarioTree.of(k).withoutKernelMetadata().module(IB_CORE).directory("cfg")));
    cases.add(
        broken(
            // kmod 30 ignores fstatat's failure and tests a stale struct stat (undefined
            // behaviour). Unless the entry before it was a directory, it goes on to fopen, which
            // fails: "file parse ...: No such file or directory" (checked with the link listed
            // first and second).
            "a config entry that is a dangling symbolic link",
            small(k)
                .file("cfg/real.conf", "override ib_core * updates\n")
                .symlinkOutside("cfg/zz-link.conf", "missing.conf")));
    cases.add(
        broken(
            "a directory named like a config file inside the config dir",
            small(k).directory("cfg/sub.conf").file("cfg/sub.conf/x.conf", "exclude kernel\n")));
    cases.add(
        broken(
            "a -C config path that is a directory with no .conf files",
            small(k).file("cfg/README", "override ib_core * updates\n")));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenInputs")
  void depmod_brokenInput_failsLikeRealDepmod(BrokenInput input, @TempDir Path work) {
    Path base = work.resolve("base");
    Path modulesDir = input.tree().build(base);
    List<String> args = substitute(input.args(), base, input.tree().kernel().release());

    DepmodSideBySide.Result result = runBoth(modulesDir, work, args, List.of());

    assertThat(result.mismatches()).as(input.tree().describe() + "\n" + result.report()).isEmpty();
  }

  @Test
  @DisplayName("a config file only root may read, depmod run by an unprivileged user")
  void depmod_configUnreadable_reportsLikeRealDepmod(@TempDir Path work) throws IOException {
    DebianKernel k = DebianKernels.newest61();
    Path base = work.resolve("base");
    Path modulesDir = small(k).file("cfg/secret.conf", "override ib_core * updates\n").build(base);
    // nobody must reach the tree and write the outputs, but not read the config file.
    for (Path dir = modulesDir; !dir.equals(work.getParent()); dir = dir.getParent()) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    }
    Files.setPosixFilePermissions(
        base.resolve("cfg"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        base.resolve("cfg/secret.conf"), PosixFilePermissions.fromString("---------"));
    List<String> args = substitute(DEFAULT_ARGS, base, k.release());
    List<String> asNobody = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");

    DepmodSideBySide.Result result = runBoth(modulesDir, work, args, asNobody);

    assertThat(result.real().process().stderr())
        .as("the reference: depmod could not read the file")
        .contains("Permission denied");
    assertThat(result.mismatches()).as(result.report()).isEmpty();
  }

  private static DepmodSideBySide.Result runBoth(
      Path modulesDir, Path work, List<String> args, List<String> prefix) {
    List<String> ourArgs = new ArrayList<>(List.of("depmod"));
    ourArgs.addAll(args);
    List<String> real = new ArrayList<>(prefix);
    real.addAll(RealDepmod.command(args));
    List<String> ours = new ArrayList<>(prefix);
    ours.addAll(Rdmaforge.command(ourArgs));
    return DepmodSideBySide.run(
        modulesDir,
        work.resolve("outputs"),
        () -> Processes.run(null, real),
        () -> Processes.run(null, ours));
  }

  /** The RDMA core plus two small modules: enough for a damaged copy to matter. */
  private static ScenarioTree small(DebianKernel k) {
    return ScenarioTree.of(k)
        .module(IB_CORE)
        .module(CORE + "ib_uverbs.ko")
        .module("kernel/drivers/net/tun.ko")
        .directory("cfg");
  }

  private static byte[] withSectionTableOffset(byte[] elf, long offset) {
    byte[] copy = elf.clone();
    ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putLong(0x28, offset); // e_shoff
    return copy;
  }

  private static byte[] withSectionCount(byte[] elf, int count) {
    byte[] copy = elf.clone();
    ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putShort(0x3c, (short) count); // e_shnum
    return copy;
  }

  private static byte[] withByte(byte[] bytes, int offset, byte value) {
    byte[] copy = bytes.clone();
    copy[offset] = value;
    return copy;
  }

  private static List<String> substitute(List<String> args, Path base, String kver) {
    List<String> result = new ArrayList<>();
    for (String arg : args) {
      result.add(arg.replace("{BASE}", base.toString()).replace("{KVER}", kver));
    }
    return result;
  }

  private static Arguments broken(String name, ScenarioTree tree) {
    return broken(name, tree, DEFAULT_ARGS);
  }

  private static Arguments broken(String name, ScenarioTree tree, List<String> args) {
    return Arguments.of(Named.of(name, new BrokenInput(tree, args)));
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
