package dev.rdmaforge.depmod;

import dev.rdmaforge.depmod.tree.ModuleCandidate;
import dev.rdmaforge.kmod.ModinfoEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A module that won its name, as depmod tracks it while computing dependencies: its position in
 * the output order, the modules it needs directly, and how many modules need it.
 */
public final class DepmodModule {
  private final ModuleCandidate candidate;
  private ModuleSymbols file; // null when the file could not be read
  private volatile ModuleDataCache.FileKey fileKey; // null when the cache is off or stat failed
  private volatile Path physical; // null until depmod has resolved the file
  private volatile List<DepmodModule> allDependencies; // null until first asked for
  private int index;
  private int sortIndex = 1; // kmod: modules absent from modules.order all sort at 1
  private int dependencySortIndex = Integer.MAX_VALUE;
  private int users;
  private final List<DepmodModule> dependencies = new ArrayList<>(4);

  DepmodModule(ModuleCandidate candidate) {
    this.candidate = candidate;
  }

  /** The file that won, with the rule's view of its path. */
  public ModuleCandidate candidate() {
    return candidate;
  }

  /** The module name. */
  public String name() {
    return candidate.name();
  }

  /**
   * The path depmod writes for this module: relative to the module directory, or absolute for an
   * external module.
   */
  public String outputPath() {
    return candidate.relPath() != null ? candidate.relPath() : candidate.path();
  }

  /** What depmod read from the file, or null when it could not be read (kmod still lists it). */
  public ModuleSymbols symbols() {
    return file;
  }

  /** The .modinfo entries in file order; empty when the file could not be read. */
  public List<ModinfoEntry> modinfo() {
    return file == null ? List.of() : file.modinfo();
  }

  /** The modules this one needs directly, sorted by dependency order. */
  public List<DepmodModule> dependencies() {
    return dependencies;
  }

  /** Position in the output (and index priority). */
  public int index() {
    return index;
  }

  /**
   * The identity of the file depmod read (device, inode, size, times), or null when depmod ran
   * without its cache: lets later steps key their own caches without another stat.
   */
  public ModuleDataCache.FileKey fileKey() {
    return fileKey;
  }

  /**
   * Where depmod found the file's bytes on this machine (its view's resolution of {@link
   * #candidate()}'s path), or null when it did not get that far: lets later steps open the file
   * without resolving its path again.
   */
  public Path physical() {
    return physical;
  }

  /** {@link Resolution#allDependencies} once computed, else null. */
  List<DepmodModule> allDependencies() {
    return allDependencies;
  }

  void setAllDependencies(List<DepmodModule> all) {
    this.allDependencies = all;
  }

  void setPhysical(Path physical) {
    this.physical = physical;
  }

  void setFileKey(ModuleDataCache.FileKey key) {
    this.fileKey = key;
  }

  void setSymbols(ModuleSymbols file) {
    this.file = file;
  }

  void setIndex(int index) {
    this.index = index;
  }

  int sortIndex() {
    return sortIndex;
  }

  void setSortIndex(int sortIndex) {
    this.sortIndex = sortIndex;
  }

  int dependencySortIndex() {
    return dependencySortIndex;
  }

  void setDependencySortIndex(int value) {
    this.dependencySortIndex = value;
  }

  int users() {
    return users;
  }

  /** Adds a direct dependency unless already present; returns whether it was added. */
  boolean addDependency(DepmodModule owner) {
    for (DepmodModule d : dependencies) {
      if (d == owner) {
        return false;
      }
    }
    dependencies.add(owner);
    owner.users++;
    return true;
  }

  @Override
  public String toString() {
    return outputPath();
  }
}
