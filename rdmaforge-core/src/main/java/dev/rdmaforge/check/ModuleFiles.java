package dev.rdmaforge.check;

import dev.rdmaforge.depmod.tree.ModuleCandidate;
import dev.rdmaforge.depmod.tree.TreeView;
import dev.rdmaforge.kmod.ModuleFile;
import dev.rdmaforge.kmod.ModuleFormatException;
import dev.rdmaforge.kmod.ModuleReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads each module file the checker needs once, on demand and from any thread. A file that
 * cannot be read is remembered with its error, which becomes the module's verdict.
 */
final class ModuleFiles {
  private final TreeView view;
  private final ModuleReader reader = new ModuleReader();
  private final ConcurrentHashMap<String, Object> byPath = new ConcurrentHashMap<>();

  /** A file the kernel would refuse to parse, and why. */
  record Unreadable(String name, String file, String reason) {}

  ModuleFiles(TreeView view) {
    this.view = view;
  }

  /** The module for {@code candidate}: a {@link CheckedModule} or an {@link Unreadable}. */
  Object get(ModuleCandidate candidate) {
    return byPath.computeIfAbsent(candidate.path(), p -> read(candidate));
  }

  private Object read(ModuleCandidate c) {
    String file = c.relPath() != null ? c.relPath() : c.path();
    try {
      Path physical = view.physical(c.path());
      ModuleFile module = reader.read(physical);
      Optional<SignedContent> signature = module.signature().map(sig -> new SignedContent(
          sig.signer() + " (" + sig.keyIdHex() + ")", sig.pkcs7(), sig.idType(), "", new byte[0]));
      return new CheckedModule(c.name(), file, physical, ModuleFacts.of(module, signature));
    } catch (ModuleFormatException e) {
      String where = e.offset() >= 0 ? " at byte " + e.offset() : "";
      return new Unreadable(c.name(), file, "invalid module format" + where + ": " + e.getMessage());
    } catch (IOException e) {
      return new Unreadable(c.name(), file, "cannot read: " + e.getMessage());
    }
  }
}
