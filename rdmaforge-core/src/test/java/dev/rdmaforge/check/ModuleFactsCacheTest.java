package dev.rdmaforge.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.depmod.ModuleDataCache.FileKey;
import dev.rdmaforge.depmod.ModuleSymbols;
import dev.rdmaforge.kernel.keys.TrustedKeys;
import dev.rdmaforge.kmod.DependencySymbol;
import dev.rdmaforge.kmod.ModinfoEntry;
import dev.rdmaforge.kmod.SymbolBind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check's own per-file cache: undefined-symbol count, signature, remembered verdict. */
class ModuleFactsCacheTest {
  @TempDir Path dir;

  private static final ModuleSymbols IB_CORE = new ModuleSymbols(
      List.of(new ModinfoEntry("license", "Dual BSD/GPL")), List.of(),
      List.of(new DependencySymbol("kmalloc_caches", 0x1234L, SymbolBind.UNDEF),
          new DependencySymbol("module_layout", 0x9060323fL, SymbolBind.UNDEF)));

  private static final SignatureVerdict VALID = new SignatureVerdict(SignatureOutcome.VALID,
      "issuer 'Debian Secure Boot CA' serial 01", "signed by trusted key 'Debian Secure Boot CA'");

  @Test
  @DisplayName("check --all run twice on the same tree with the same kernel keys: the second run"
      + " takes each verdict from the cache and never decodes a signature")
  void rememberedVerdict_sameKeys_servedWithoutDecoding() throws Exception {
    Path ko = Files.writeString(dir.resolve("ib_core.ko"), "elf");
    Path file = dir.resolve("check-facts.bin");
    FileKey key = FileKey.of(ko);
    byte[] keys = KeySignatures.keySetName(TrustedKeys.none());

    ModuleFactsCache first = ModuleFactsCache.open(file);
    ModuleFactsCache.Extras fresh = new ModuleFactsCache.Extras(1, new byte[] {1, 2, 3});
    first.put(key, fresh);
    ModuleFacts.of(IB_CORE, 1, () -> null, fresh).rememberVerdict(keys, VALID);
    first.save();

    ModuleFactsCache.Extras again = ModuleFactsCache.open(file).get(key);
    assertThat(again.undefinedCount()).isEqualTo(1);
    assertThat(again.signature()).containsExactly(1, 2, 3);
    ModuleFacts facts = ModuleFacts.of(IB_CORE, again.undefinedCount(), () -> {
      throw new AssertionError("the signature was decoded");
    }, again);
    CheckedModule module = new CheckedModule("ib_core", "kernel/ib_core.ko", ko, facts);
    assertThat(new KeySignatures(null, TrustedKeys.none()).check(module)).isEqualTo(VALID);
    assertThat(facts.undefined()).extracting(DependencySymbol::name)
        .containsExactly("kmalloc_caches");
    assertThat(facts.versions()).containsOnlyKeys("kmalloc_caches", "module_layout");
  }

  @Test
  @DisplayName("Another set of trusted keys (a MOK added with --trusted-cert) is never answered"
      + " with the verdict reached without it")
  void rememberedVerdict_otherKeys_notServed() throws Exception {
    Path ko = Files.writeString(dir.resolve("mlx5_core.ko"), "elf");
    Path file = dir.resolve("check-facts.bin");
    ModuleFactsCache cache = ModuleFactsCache.open(file);
    ModuleFactsCache.Extras extras = new ModuleFactsCache.Extras(0, new byte[0]);
    cache.put(FileKey.of(ko), extras);
    ModuleFacts.of(IB_CORE, 0, () -> null, extras)
        .rememberVerdict(KeySignatures.keySetName(TrustedKeys.none()), VALID);
    cache.save();

    ModuleFactsCache.Extras stored = ModuleFactsCache.open(file).get(FileKey.of(ko));
    assertThat(stored.verdict(KeySignatures.noKeysName("unverified"))).isNull();
    assertThat(stored.verdict(KeySignatures.keySetName(TrustedKeys.none()))).isEqualTo(VALID);
  }

  @Test
  @DisplayName("A module rewritten in place (new change time) finds nothing in the cache")
  void changedFile_misses() throws Exception {
    Path ko = Files.writeString(dir.resolve("ib_core.ko"), "one");
    Path file = dir.resolve("check-facts.bin");
    ModuleFactsCache cache = ModuleFactsCache.open(file);
    cache.put(FileKey.of(ko), new ModuleFactsCache.Extras(1, new byte[] {9}));
    cache.save();
    Files.writeString(ko, "two!");
    assertThat(ModuleFactsCache.open(file).get(FileKey.of(ko))).isNull();
  }

  @Test
  @DisplayName("A damaged cache file is ignored, never an error")
  void damagedFile_ignored() throws Exception {
    Path ko = Files.writeString(dir.resolve("ib_core.ko"), "one");
    Path file = Files.write(dir.resolve("check-facts.bin"), new byte[] {'R', 'F', 'C', 'F', 0});
    ModuleFactsCache cache = ModuleFactsCache.open(file);
    assertThat(cache.get(FileKey.of(ko))).isNull();
    cache.put(FileKey.of(ko), new ModuleFactsCache.Extras(2, new byte[] {7}));
    cache.save();
    assertThat(ModuleFactsCache.open(file).get(FileKey.of(ko)).undefinedCount()).isEqualTo(2);
  }
}
