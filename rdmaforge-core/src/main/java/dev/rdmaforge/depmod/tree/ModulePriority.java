package dev.rdmaforge.depmod.tree;

import dev.rdmaforge.depmod.config.DepmodConfig;
import dev.rdmaforge.depmod.config.ExternalDir;
import dev.rdmaforge.depmod.config.OverrideRule;
import dev.rdmaforge.depmod.config.SearchEntry;
import java.util.List;

/**
 * Decides, as kmod 30's depmod does, whether a newly found module file replaces the one already
 * held under the same name.
 *
 * <ol>
 *   <li>Overrides, in kmod's list order (the line parsed last first): the first whose {@code
 *       SUBDIR/MODULE} equals a file's path, cut after the module name, decides; the new file is
 *       checked before the held one.
 *   <li>Otherwise each file gets the rank of the search entry whose directory holds it: search
 *       entries are numbered in kmod's list order (the word parsed last gets 0), {@code external}
 *       takes one number per external directory, and a file no entry names gets the rank of
 *       {@code built-in} (-1 when there is none). The new file wins when its rank is strictly
 *       higher, so at equal rank the file found first stays.
 * </ol>
 *
 * kmod tests the new file's directory first and the held file's only when the new one did not
 * match that same entry ({@code else if}); this is reproduced, so when both files are under one
 * search directory the held file may keep a lower rank and lose.
 */
public final class ModulePriority {
  private final DepmodConfig config;
  private final String dirname;

  /**
   * @param dirname the module directory as depmod names it ({@code BASEDIR/lib/modules/KVER})
   */
  public ModulePriority(DepmodConfig config, String dirname) {
    this.config = config;
    this.dirname = dirname;
  }

  /** Compares the held module {@code old} with the newly found {@code candidate}. */
  public PriorityDecision compare(ModuleCandidate old, ModuleCandidate candidate) {
    String newPath = candidate.path();
    String oldPath = old.path();
    int newLen = candidate.comparedLength();
    int oldLen = old.comparedLength();
    int dirLen = dirname.length();

    String relNew = null;
    int relNewLen = 0;
    if (newPath.startsWith(dirname)) {
      relNew = newPath.substring(Math.min(dirLen + 1, newPath.length()));
      relNewLen = newLen - (dirLen + 1);
    }
    String relOld = null;
    int relOldLen = 0;
    if (oldPath.startsWith(dirname)) {
      relOld = oldPath.substring(Math.min(dirLen + 1, oldPath.length()));
      relOldLen = oldLen - (dirLen + 1);
    }

    for (OverrideRule ov : config.overrides()) {
      String ovPath = ov.path();
      if (relNew != null && relNewLen == ovPath.length() && relNew.startsWith(ovPath)) {
        return new PriorityDecision(true, ov, 0, 0, null, null);
      }
      if (relOld != null && relOldLen == ovPath.length() && relOld.startsWith(ovPath)) {
        return new PriorityDecision(false, ov, 0, 0, null, null);
      }
    }

    int builtinRank = -1;
    int newRank = -1;
    int oldRank = -1;
    SearchEntry newSearch = null;
    SearchEntry oldSearch = null;
    SearchEntry builtin = null;
    List<SearchEntry> searches = config.searches();
    int i = 0;
    for (SearchEntry se : searches) {
      switch (se.kind()) {
        case BUILT_IN:
          builtinRank = i;
          builtin = se;
          break;
        case EXTERNAL:
          for (ExternalDir ext : config.externals()) {
            if (startsWithDir(newPath, newLen, ext.dir())) {
              newRank = i;
              newSearch = se;
            }
            if (startsWithDir(oldPath, oldLen, ext.dir())) {
              oldRank = i;
              oldSearch = se;
            }
            i++;
          }
          break;
        default:
          String sp = se.path();
          if (relNew != null && relNewLen > sp.length() && relNew.charAt(sp.length()) == '/'
              && relNew.startsWith(sp)) {
            newRank = i;
            newSearch = se;
          } else if (relOld != null && relOldLen > sp.length()
              && relOld.charAt(sp.length()) == '/' && relOld.startsWith(sp)) {
            oldRank = i;
            oldSearch = se;
          }
          break;
      }
      i++;
    }
    if (newRank < 0) {
      newRank = builtinRank;
      newSearch = builtin;
    }
    if (oldRank < 0) {
      oldRank = builtinRank;
      oldSearch = builtin;
    }
    return new PriorityDecision(newRank > oldRank, null, newRank, oldRank, newSearch, oldSearch);
  }

  /** kmod's depmod_is_path_starts_with: PREFIX followed by '/' within the compared length. */
  private static boolean startsWithDir(String path, int pathLen, String prefix) {
    return pathLen > prefix.length()
        && path.length() > prefix.length()
        && path.charAt(prefix.length()) == '/'
        && path.startsWith(prefix);
  }
}
