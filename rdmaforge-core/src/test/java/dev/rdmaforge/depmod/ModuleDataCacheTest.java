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
}
