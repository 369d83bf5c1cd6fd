package dev.rdmaforge.check;

import dev.rdmaforge.depmod.DepmodModule;
import dev.rdmaforge.depmod.ModuleDataCache.FileKey;
import dev.rdmaforge.depmod.ModuleSymbols;
import dev.rdmaforge.depmod.tree.ModuleCandidate;
import dev.rdmaforge.depmod.tree.TreeView;
import dev.rdmaforge.kernel.keys.ModuleSignatureVerifier;
import dev.rdmaforge.kernel.keys.SignedContentDigest;
import dev.rdmaforge.kmod.ModuleFile;
import dev.rdmaforge.kmod.ModuleFormatException;
import dev.rdmaforge.kmod.ModuleReader;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The module files the checker needs, each read once, on demand and from any thread. A file depmod
 * already read (its {@link ModuleSymbols}) and whose extras are in the {@link ModuleFactsCache} is
 * not opened at all. A file that cannot be read is remembered with its error, which becomes the
 * module's verdict.
 */
final class ModuleFiles {
  private final TreeView view;
  private final ModuleFactsCache cache;
  private final ModuleReader reader = new ModuleReader();
  private final ModuleSignatureVerifier digester = new ModuleSignatureVerifier();
  private final ConcurrentHashMap<String, Object> byPath = new ConcurrentHashMap<>(8192);

  /** A file the kernel would refuse to parse, and why. */
  record Unreadable(String name, String file, String reason) {}

  ModuleFiles(TreeView view, ModuleFactsCache cache) {
    this.view = view;
    this.cache = cache;
  }

  /**
   * The module for {@code candidate}: a {@link CheckedModule} or an {@link Unreadable}.
   *
   * @param known what depmod read from the file, or null
   * @param knownKey the file's identity as depmod saw it, or null
   * @param knownPhysical where depmod found the file, or null
   */
  Object get(ModuleCandidate candidate, ModuleSymbols known, FileKey knownKey,
      Path knownPhysical) {
    Object found = byPath.get(candidate.path());
    if (found != null) {
      return found;
    }
    return byPath.computeIfAbsent(candidate.path(),
        p -> read(candidate, known, knownKey, knownPhysical));
  }

  /** The module depmod chose for its name, reusing what depmod read. */
  Object get(DepmodModule m) {
    return get(m.candidate(), m.symbols(), m.fileKey(), m.physical());
  }

  /** The module for a candidate depmod did not choose. */
  Object get(ModuleCandidate candidate) {
    return get(candidate, null, null, null);
  }

  private Object read(ModuleCandidate c, ModuleSymbols known, FileKey knownKey,
      Path knownPhysical) {
    String file = c.relPath() != null ? c.relPath() : c.path();
    Path physical = knownPhysical;
    if (physical == null) {
      try {
        physical = view.physical(c.path());
      } catch (IOException e) {
        return new Unreadable(c.name(), file, "cannot read: " + e.getMessage());
      }
    }
    FileKey key = knownKey != null ? knownKey : FileKey.of(physical);
    ModuleFactsCache.Extras extras = cache.get(key);
    if (known != null && extras != null) {
      Path at = physical;
      return new CheckedModule(c.name(), file, physical, ModuleFacts.of(known,
          extras.undefinedCount(), () -> decode(extras, key, at), extras));
    }
    try {
      ModuleFile module = reader.read(physical);
      SignedContentDigest digest = digester.digest(ModuleReader.loadImage(physical));
      int undefined = module.undefinedSymbols().size();
      ModuleFactsCache.Extras fresh =
          new ModuleFactsCache.Extras(undefined, digest.toBytes());
      cache.put(key, fresh);
      return new CheckedModule(c.name(), file, physical,
          ModuleFacts.of(ModuleSymbols.of(module), undefined, () -> digest, fresh));
    } catch (ModuleFormatException e) {
      String where = e.offset() >= 0 ? " at byte " + e.offset() : "";
      return new Unreadable(c.name(), file, "invalid module format" + where + ": " + e.getMessage());
    } catch (IOException e) {
      return new Unreadable(c.name(), file, "cannot read: " + e.getMessage());
    }
  }

  /**
   * The cached signature of a file; a damaged cache entry is replaced by hashing the file again
   * (which read fine when the entry was made).
   */
  private SignedContentDigest decode(ModuleFactsCache.Extras extras, FileKey key, Path physical) {
    try {
      return SignedContentDigest.fromBytes(extras.signature());
    } catch (IllegalArgumentException damaged) {
      try {
        SignedContentDigest digest = digester.digest(ModuleReader.loadImage(physical));
        cache.put(key, new ModuleFactsCache.Extras(extras.undefinedCount(), digest.toBytes()));
        return digest;
      } catch (IOException e) {
        throw new UserInputException(physical + ": cannot read: " + e.getMessage()
            + "; make the module readable (or remove the damaged cache "
            + ModuleFactsCache.defaultFile() + ")");
      }
    }
  }
}
