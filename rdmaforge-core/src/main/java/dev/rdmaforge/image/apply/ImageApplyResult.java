package dev.rdmaforge.image.apply;

import dev.rdmaforge.check.ModuleResult;
import dev.rdmaforge.report.Finding;
import java.util.List;
import java.util.Optional;

/**
 * What an apply did (or, dry, would do).
 *
 * @param root the image root
 * @param release the image's kernel the stack was applied for
 * @param kernelNote why that kernel when the image has several
 * @param install the package files installed, as {@code name version}
 * @param conflicts installed packages shipping a module the stack ships: {@code package: module
 *     (path)}
 * @param removed the conflicting packages removed
 * @param overrides the depmod.d lines written (into {@link OverrideLines#FILE})
 * @param fabricFiles the node's fabric files written into the image (paths on the node)
 * @param verdicts the check of every module of the stack on the image's kernel
 * @param findings the initramfs audit's findings, and the kernel's
 * @param applied whether the root now holds the stack (false: dry run, or undone)
 * @param undo what a failed apply undid and could not undo
 * @param failure why it failed, when it did
 */
public record ImageApplyResult(
    String root,
    String release,
    Optional<String> kernelNote,
    List<String> install,
    List<String> conflicts,
    List<String> removed,
    List<String> overrides,
    List<String> fabricFiles,
    List<ModuleResult> verdicts,
    List<Finding> findings,
    boolean applied,
    Optional<ApplyJournal.UndoReport> undo,
    Optional<String> failure) {

  /** Copies the lists. */
  public ImageApplyResult {
    install = List.copyOf(install);
    conflicts = List.copyOf(conflicts);
    removed = List.copyOf(removed);
    overrides = List.copyOf(overrides);
    fabricFiles = List.copyOf(fabricFiles);
    verdicts = List.copyOf(verdicts);
    findings = List.copyOf(findings);
  }

  /** Whether the apply succeeded (or a dry run found nothing in its way). */
  public boolean ok() {
    return failure.isEmpty();
  }

  /** What was undone after a failure (empty lists when nothing was). */
  public List<String> undone() {
    return undo.map(ApplyJournal.UndoReport::undone).orElse(List.of());
  }

  /** What a failure left that could not be undone, with what to do. */
  public List<String> notUndone() {
    return undo.map(ApplyJournal.UndoReport::notUndone).orElse(List.of());
  }
}
