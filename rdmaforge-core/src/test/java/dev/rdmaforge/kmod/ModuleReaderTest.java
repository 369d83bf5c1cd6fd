package dev.rdmaforge.kmod;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What the reader gives for well-formed modules: modinfo, exports, dependencies, versions. */
class ModuleReaderTest {
  @TempDir Path dir;

  private final ModuleReader reader = new ModuleReader();

  private ModuleFile read(String fileName, byte[] bytes) throws IOException {
    Path file = dir.resolve(fileName);
    Files.write(file, bytes);
    return reader.read(file);
  }

  @Test
  @DisplayName("an in-tree module's .modinfo: padding, repeated alias, empty depends, key-only string")
  void modinfo_realisticSection_keepsOrderRepeatsAndSplitsAtFirstEquals() throws IOException {
    byte[] elf = TestElf.module()
        .modinfoRaw("\0\0alias=pci:v000015B3d00001017sv*sd*bc*sc*i*\0alias=mlx5\0\0depends=\0")
        .modinfoRaw("intree\0parm=debug:level=1 (int)\0vermagic=6.1.0-56-amd64 SMP preempt ")
        .build().bytes();

    ModuleFile module = read("mlx5_core.ko", elf);

    assertThat(module.modinfo()).containsExactly(
        new ModinfoEntry("alias", "pci:v000015B3d00001017sv*sd*bc*sc*i*"),
        new ModinfoEntry("alias", "mlx5"),
        new ModinfoEntry("depends", ""),
        new ModinfoEntry("intree", ""),
        new ModinfoEntry("parm", "debug:level=1 (int)"),
        new ModinfoEntry("vermagic", "6.1.0-56-amd64 SMP preempt "));
    assertThat(module.modinfo("alias")).containsExactly("pci:v000015B3d00001017sv*sd*bc*sc*i*",
        "mlx5");
    assertThat(module.firstModinfo("vermagic")).hasValue("6.1.0-56-amd64 SMP preempt ");
    assertThat(module.firstModinfo("license")).isEmpty();
    assertThat(module.hasModinfoSection()).isTrue();
  }

  @Test
  @DisplayName("libkmod drops a .modinfo that is one byte after its padding")
  void modinfo_singleByteAfterPadding_isEmpty() throws IOException {
    ModuleFile module = read("odd.ko", TestElf.module().modinfoRaw("\0\0x").build().bytes());

    assertThat(module.modinfo()).isEmpty();
    assertThat(module.hasModinfoSection()).isTrue();
  }

  @Test
  @DisplayName("a UTF-8 author name survives byte-exact and decodes for display")
  void modinfo_utf8Value_isByteExactAndDecodable() throws IOException {
    byte[] elf = TestElf.module()
        .section(".modinfo", "author=J\u00e9r\u00f4me\0".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .build().bytes();

    ModinfoEntry author = read("a.ko", elf).modinfo().get(0);

    assertThat(author.value().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
        .isEqualTo("J\u00e9r\u00f4me".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(author.valueAsUtf8()).isEqualTo("J\u00e9r\u00f4me");
  }

  @Test
  @DisplayName("ib_core-like exports: CRCs from __kcrctab / __kcrctab_gpl, symtab order, GPL flag")
  void exports_crcSymbols_resolveCrcsFromKcrctabInSymbolTableOrder() throws IOException {
    byte[] elf = TestElf.module()
        .export("ib_register_device", 0x22f3cf93, false)
        .export("ib_dealloc_device", 0x0a432baf, true)
        .export("ib_unpack", 0xfedcba98, false)
        .build().bytes();

    ModuleFile module = read("ib_core.ko", elf);

    assertThat(module.exports()).containsExactly(
        new ExportedSymbol("ib_register_device", 0x22f3cf93L, SymbolBind.LOCAL, false),
        new ExportedSymbol("ib_dealloc_device", 0x0a432bafL, SymbolBind.LOCAL, true),
        new ExportedSymbol("ib_unpack", 0xfedcba98L, SymbolBind.LOCAL, false));
  }

  @Test
  @DisplayName("old kernels: an absolute __crc_ symbol carries the CRC in its value")
  void exports_absoluteCrcSymbol_usesSymbolValue() throws IOException {
    byte[] elf = TestElf.module()
        .symbolAt("__crc_old_export", 0x1234_5678_9abcL, TestElf.STB_GLOBAL, 0, TestElf.SHN_ABS)
        .build().bytes();

    assertThat(read("old.ko", elf).exports())
        .containsExactly(new ExportedSymbol("old_export", 0x1234_5678_9abcL, SymbolBind.GLOBAL,
            false));
  }

  @Test
  @DisplayName("a __crc_ symbol pointing past its section gets libkmod's (uint64_t)-1")
  void exports_crcOffsetPastSection_isAllOnes() throws IOException {
    byte[] elf = TestElf.module()
        .section("__kcrctab", new byte[8])
        .symbol("__crc_bad", 5, TestElf.STB_WEAK, "__kcrctab")
        .build().bytes();

    assertThat(read("bad.ko", elf).exports())
        .containsExactly(new ExportedSymbol("bad", -1L, SymbolBind.WEAK, false));
  }

  @Test
  @DisplayName("a kernel without CONFIG_MODVERSIONS: names from __ksymtab_strings, CRC 0, GLOBAL")
  void exports_noCrcSymbols_fallBackToKsymtabStrings() throws IOException {
    byte[] elf = TestElf.module()
        .section("__ksymtab_gpl", new byte[12])
        .symbol("__ksymtab_gpl_one", 0, TestElf.STB_LOCAL, "__ksymtab_gpl")
        .modinfoRaw("license=GPL\0")
        .section("__ksymtab_strings", "\0plain_one\0\0gpl_one\0NAMESPACE".getBytes(
            java.nio.charset.StandardCharsets.US_ASCII))
        .build().bytes();

    assertThat(read("nomodversions.ko", elf).exports()).containsExactly(
        new ExportedSymbol("plain_one", 0, SymbolBind.GLOBAL, false),
        new ExportedSymbol("gpl_one", 0, SymbolBind.GLOBAL, true),
        new ExportedSymbol("NAMESPACE", 0, SymbolBind.GLOBAL, false));
  }

  @Test
  @DisplayName("a stripped module without .symtab still lists __ksymtab_strings exports")
  void exports_noSymbolTable_fallBackToKsymtabStrings() throws IOException {
    byte[] elf = TestElf.module().withoutSymbolTable().strings("__ksymtab_strings", "a", "b")
        .build().bytes();

    ModuleFile module = read("stripped.ko", elf);

    assertThat(module.exports()).extracting(ExportedSymbol::name).containsExactly("a", "b");
    assertThat(module.dependencySymbols()).isEmpty();
  }

  @Test
  @DisplayName("a module exporting nothing (aegis128-aesni) has no exports")
  void exports_nothingExported_isEmpty() throws IOException {
    byte[] elf = TestElf.module().undefined("crypto_simd_alloc", TestElf.STB_GLOBAL).build().bytes();

    assertThat(read("aegis128-aesni.ko", elf).exports()).isEmpty();
  }

  @Test
  @DisplayName("mlx5_ib-like imports: undefined symbols with __versions CRCs, then module_layout")
  void dependencySymbols_undefinedThenUnmatchedVersions() throws IOException {
    byte[] elf = TestElf.module()
        .version(0xbdfb6dbbL, "__fentry__")
        .version(0xea3c8e4eL, "module_layout")
        .version(0x11111111L, "ib_register_device")
        .version(0x22222222L, "ib_register_device")
        .undefined("ib_register_device", TestElf.STB_GLOBAL)
        .undefined("", TestElf.STB_GLOBAL)
        .undefined("optional_hook", TestElf.STB_WEAK)
        .undefined("__fentry__", TestElf.STB_GLOBAL)
        .symbol("local_helper", 0, TestElf.STB_LOCAL, "__versions")
        .build().bytes();

    ModuleFile module = read("mlx5_ib.ko", elf);

    assertThat(module.dependencySymbols()).containsExactly(
        new DependencySymbol("ib_register_device", 0x11111111L, SymbolBind.UNDEF),
        new DependencySymbol("optional_hook", 0, SymbolBind.WEAK),
        new DependencySymbol("__fentry__", 0xbdfb6dbbL, SymbolBind.UNDEF),
        new DependencySymbol("module_layout", 0xea3c8e4eL, SymbolBind.UNDEF),
        new DependencySymbol("ib_register_device", 0x22222222L, SymbolBind.UNDEF));
    assertThat(module.versions()).containsExactly(
        new SymbolVersion(0xbdfb6dbbL, "__fentry__"),
        new SymbolVersion(0xea3c8e4eL, "module_layout"),
        new SymbolVersion(0x11111111L, "ib_register_device"),
        new SymbolVersion(0x22222222L, "ib_register_device"));
  }

  @Test
  @DisplayName("libkmod fails dependency symbols when an undefined name lies outside .strtab")
  void dependencySymbols_nameOutsideStrtab_isEmpty() throws IOException {
    TestElf.Image image = TestElf.module().undefined("needed", TestElf.STB_GLOBAL).build();
    byte[] elf = image.bytes();
    int symbol = (int) (long) image.sectionOffset().get(".symtab") + 24;
    elf[symbol + 1] = 0x7f; // st_name far past the end of .strtab

    assertThat(read("broken.ko", elf).dependencySymbols()).isEmpty();
  }

  @Test
  @DisplayName("sparc register symbols are not imports; on x86-64 the same symbol is")
  void dependencySymbols_registerSymbol_skippedOnlyOnSparc() throws IOException {
    byte[] sparc = TestElf.module(true, ByteOrder.BIG_ENDIAN).machine(43)
        .symbolAt("%g2", 0, TestElf.STB_GLOBAL, 13, 0).build().bytes();
    byte[] x86 = TestElf.module().symbolAt("%g2", 0, TestElf.STB_GLOBAL, 13, 0).build().bytes();

    assertThat(read("sparc.ko", sparc).dependencySymbols()).isEmpty();
    assertThat(read("x86.ko", x86).dependencySymbols()).extracting(DependencySymbol::name)
        .containsExactly("%g2");
  }

  @Test
  @DisplayName("modprobe --dump-modversions drops a leading '.' (ppc64 dot symbols)")
  void versions_leadingDot_isDropped() throws IOException {
    byte[] elf = TestElf.module().version(7, ".memcpy").build().bytes();

    assertThat(read("ppc.ko", elf).versions()).containsExactly(new SymbolVersion(7, "memcpy"));
  }

  @Test
  @DisplayName("a __versions section that is not whole 64-byte entries is ignored, as libkmod does")
  void versions_partialEntry_isIgnored() throws IOException {
    byte[] elf = TestElf.module().version(7, "memcpy").section("__versions", new byte[10])
        .undefined("memcpy", TestElf.STB_GLOBAL).build().bytes();

    ModuleFile module = read("partial.ko", elf);

    assertThat(module.versions()).isEmpty();
    assertThat(module.dependencySymbols())
        .containsExactly(new DependencySymbol("memcpy", 0, SymbolBind.UNDEF));
  }

  static Stream<Arguments> elfKinds() {
    return Stream.of(
        Arguments.of(true, ByteOrder.LITTLE_ENDIAN),
        Arguments.of(true, ByteOrder.BIG_ENDIAN),
        Arguments.of(false, ByteOrder.LITTLE_ENDIAN),
        Arguments.of(false, ByteOrder.BIG_ENDIAN));
  }

  @ParameterizedTest(name = "64-bit={0} {1}")
  @MethodSource("elfKinds")
  @DisplayName("modules of every ELF class and byte order libkmod accepts (i386, s390x, ppc)")
  void read_anyClassAndByteOrder_readsEverything(boolean elf64, ByteOrder order)
      throws IOException {
    byte[] elf = TestElf.module(elf64, order)
        .modinfoRaw("license=GPL\0")
        .export("exported_fn", 0x89abcdef, true)
        .version(0x01020304L, "module_layout")
        .version(0x0a0b0c0dL, "printk")
        .undefined("printk", TestElf.STB_GLOBAL)
        .build().bytes();

    ModuleFile module = read("any.ko", elf);

    assertThat(module.modinfo()).containsExactly(new ModinfoEntry("license", "GPL"));
    assertThat(module.exports()).containsExactly(
        new ExportedSymbol("exported_fn", 0x89abcdefL, SymbolBind.LOCAL, true));
    assertThat(module.dependencySymbols()).containsExactly(
        new DependencySymbol("printk", 0x0a0b0c0dL, SymbolBind.UNDEF),
        new DependencySymbol("module_layout", 0x01020304L, SymbolBind.UNDEF));
    assertThat(module.elfSize()).isEqualTo(elf.length);
    assertThat(module.compression()).isEqualTo(Compression.NONE);
  }

  @Test
  @DisplayName("a module inside a package, read from memory, equals the one read from disk")
  void readBytes_sameContent_sameResult() throws IOException {
    byte[] elf = TestElf.module().modinfoRaw("alias=x\0").export("f", 1, false)
        .undefined("g", TestElf.STB_WEAK).build().bytes();

    ModuleFile fromDisk = read("pkg-mod.ko", elf);
    ModuleFile fromMemory = reader.read(Path.of("lib/modules/x/pkg-mod.ko"), elf);

    assertThat(fromMemory.name()).isEqualTo("pkg_mod");
    assertThat(fromMemory.modinfo()).isEqualTo(fromDisk.modinfo());
    assertThat(fromMemory.exports()).isEqualTo(fromDisk.exports());
    assertThat(fromMemory.dependencySymbols()).isEqualTo(fromDisk.dependencySymbols());
    assertThat(fromMemory.fileSize()).isEqualTo(elf.length);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "ib_core.ko, true",
    "mlx5_core.ko.xz, true",
    "mlx5_ib.ko.zst, true",
    "nvme.ko.gz, false",
    ".ko, false",
    ".ko.zst, false",
    "a.ko, true",
    "ko, false",
    "README, false",
    "x.ko.bak, false",
  })
  @DisplayName("which names Debian's depmod scans (no .ko.gz: kmod 30 there is built without zlib)")
  void isModuleFileName_debianSuffixes(String name, boolean expected) {
    assertThat(ModuleReader.isModuleFileName(name)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> \"{1}\"")
  @CsvSource({
    "/lib/modules/6.1.0-56-amd64/kernel/drivers/infiniband/hw/mlx5/mlx5_ib.ko, mlx5_ib",
    "kernel/drivers/net/ethernet/mellanox/mlx5/core/mlx5-core.ko.zst, mlx5_core",
    "aegis128-aesni.ko, aegis128_aesni",
    "weird.name-x.ko.xz, weird",
    "extra/.hidden.ko, ''",
    "dir/, ''",
  })
  @DisplayName("module names as kmod's path_to_modname derives them")
  void moduleNameOf_paths(String path, String expected) {
    assertThat(ModuleReader.moduleNameOf(path)).isEqualTo(expected);
  }

  @Test
  @DisplayName("module names are cut at PATH_MAX - 1 characters like libkmod's buffer")
  void moduleNameOf_longName_cutAt4095() {
    String name = "m".repeat(5000) + ".ko";

    assertThat(ModuleReader.moduleNameOf(name)).hasSize(4095);
  }
}
