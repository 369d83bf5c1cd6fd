package dev.rdmaforge.depmod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.kmod.DependencySymbol;
import dev.rdmaforge.kmod.ExportedSymbol;
import dev.rdmaforge.kmod.ModinfoEntry;
import dev.rdmaforge.kmod.SymbolBind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleDataCacheTest {
  @TempDir Path dir;

  private static final ModuleSymbols IB_CORE =
      new ModuleSymbols(
          List.of(new ModinfoEntry("alias", "rdma-netlink-subsys-4"),
              new ModinfoEntry("depends", ""), new ModinfoEntry("alias", "net-pf-16-proto-20")),
          List.of(new ExportedSymbol("ib_register_client", 0xe2ffcd05L, SymbolBind.GLOBAL, true)),
          List.of(new DependencySymbol("module_layout", 0x9060323fL, SymbolBind.UNDEF),
              new DependencySymbol("__fentry__", 0xbdfb6dbbL, SymbolBind.WEAK)));

  @Test
  @DisplayName("A saved entry is found again for a file whose identity has not changed")
  void saveAndOpen_roundTrip() throws Exception {
    Path ko = dir.resolve("ib_core.ko");
    Files.writeString(ko, "elf");
    Path file = dir.resolve("cache/modules.bin");
    ModuleDataCache cache = ModuleDataCache.open(file);
    ModuleDataCache.FileKey key = ModuleDataCache.FileKey.of(ko);
    assertThat(cache.get(key)).isNull();
    cache.put(key, IB_CORE);
    cache.save();

    ModuleDataCache again = ModuleDataCache.open(file);
    assertThat(again.get(ModuleDataCache.FileKey.of(ko))).isEqualTo(IB_CORE);
  }

  @Test
  @DisplayName("A module rebuilt in place (new content, same path) is never served from the cache")
  void changedFile_misses() throws Exception {
    Path ko = dir.resolve("mlx5_core.ko");
    Files.writeString(ko, "one");
    Path file = dir.resolve("cache.bin");
    ModuleDataCache cache = ModuleDataCache.open(file);
    cache.put(ModuleDataCache.FileKey.of(ko), IB_CORE);
    cache.save();
    Files.writeString(ko, "two!");
    assertThat(ModuleDataCache.open(file).get(ModuleDataCache.FileKey.of(ko))).isNull();
  }

  @Test
  @DisplayName("A corrupt cache file is ignored and replaced, never an error")
  void corruptFile_ignored() throws Exception {
    Path file = dir.resolve("cache.bin");
    Files.write(file, new byte[] {0x52, 0x46, 0x4d, 0x43, 0, 0, 0, 1, 0x7f});
    Path ko = dir.resolve("a.ko");
    Files.writeString(ko, "x");
    ModuleDataCache cache = ModuleDataCache.open(file);
    assertThat(cache.get(ModuleDataCache.FileKey.of(ko))).isNull();
    cache.put(ModuleDataCache.FileKey.of(ko), IB_CORE);
    cache.save();
    assertThat(ModuleDataCache.open(file).get(ModuleDataCache.FileKey.of(ko))).isEqualTo(IB_CORE);
  }

  private static final ModuleSymbols MLX5_CORE =
      new ModuleSymbols(
          List.of(new ModinfoEntry("license", "Dual BSD/GPL"),
              new ModinfoEntry("alias", "pci:v000015B3d00001013sv*sd*bc*sc*i*")),
          List.of(new ExportedSymbol("mlx5_core_create_mkey", 0x1234L, SymbolBind.GLOBAL, false)),
          List.of(new DependencySymbol("module_layout", 0x9060323fL, SymbolBind.UNDEF),
              new DependencySymbol("ib_register_client", 0xe2ffcd05L, SymbolBind.UNDEF)));

  @Test
  @DisplayName("Two kernels' trees checked in turn: saving the second keeps the first's entries")
  void save_keepsOtherTrees() throws Exception {
    Path a = Files.writeString(dir.resolve("ib_core.ko"), "a");
    Path b = Files.writeString(dir.resolve("mlx5_core.ko"), "b");
    Path file = dir.resolve("cache.bin");
    ModuleDataCache first = ModuleDataCache.open(file);
    first.put(ModuleDataCache.FileKey.of(a), IB_CORE);
    first.save();
    ModuleDataCache second = ModuleDataCache.open(file);
    assertThat(second.get(ModuleDataCache.FileKey.of(b))).isNull();
    second.put(ModuleDataCache.FileKey.of(b), MLX5_CORE);
    second.save();

    ModuleDataCache third = ModuleDataCache.open(file);
    assertThat(third.get(ModuleDataCache.FileKey.of(a))).isEqualTo(IB_CORE);
    assertThat(third.get(ModuleDataCache.FileKey.of(b))).isEqualTo(MLX5_CORE);
  }

  @Test
  @DisplayName("A bench that copies the tree anew each time (new change times): beyond the limit"
      + " the entries used longest ago go, those this run used stay")
  void save_beyondLimit_dropsLeastRecentlyUsed() throws Exception {
    Path a = Files.writeString(dir.resolve("a.ko"), "a");
    Path b = Files.writeString(dir.resolve("b.ko"), "b");
    Path c = Files.writeString(dir.resolve("c.ko"), "c");
    Path file = dir.resolve("cache.bin");
    ModuleDataCache run1 = ModuleDataCache.open(file, 2);
    run1.put(ModuleDataCache.FileKey.of(a), IB_CORE);
    run1.save(1_000);
    ModuleDataCache run2 = ModuleDataCache.open(file, 2);
    run2.put(ModuleDataCache.FileKey.of(b), MLX5_CORE);
    run2.save(2_000);
    ModuleDataCache run3 = ModuleDataCache.open(file, 2);
    run3.put(ModuleDataCache.FileKey.of(c), IB_CORE);
    run3.save(3_000);

    ModuleDataCache after = ModuleDataCache.open(file, 2);
    assertThat(after.get(ModuleDataCache.FileKey.of(a))).isNull();
    assertThat(after.get(ModuleDataCache.FileKey.of(b))).isEqualTo(MLX5_CORE);
    assertThat(after.get(ModuleDataCache.FileKey.of(c))).isEqualTo(IB_CORE);
  }
}
