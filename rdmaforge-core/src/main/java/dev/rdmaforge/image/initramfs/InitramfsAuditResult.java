package dev.rdmaforge.image.initramfs;

import dev.rdmaforge.report.Finding;
import java.util.List;

/**
 * What {@link InitramfsAudit} found.
 *
 * @param release the kernel release
 * @param generator {@code initramfs-tools}, {@code dracut}, or {@code none} when the root has
 *     neither
 * @param stale modules in the initramfs whose content is not the root's winner's
 * @param missing needed modules (with their dependencies) the initramfs lacks
 * @param inclusion for every needed module and dependency, whether the next regeneration puts it
 *     in
 * @param fixFile where {@link #fixLines} go, relative to the root (null without a generator)
 * @param fixLines lines that make the generator include what it would leave out (empty if none)
 * @param regenerate the command to run in the root to rebuild the initramfs (null without a
 *     generator)
 * @param findings the same as findings with severities and fixes (rules RF-INI-001..006)
 */
public record InitramfsAuditResult(
    String release,
    String generator,
    List<StaleModule> stale,
    List<MissingModule> missing,
    List<Inclusion> inclusion,
    String fixFile,
    List<String> fixLines,
    String regenerate,
    List<Finding> findings) {

  /** Copies the lists. */
  public InitramfsAuditResult {
    stale = List.copyOf(stale);
    missing = List.copyOf(missing);
    inclusion = List.copyOf(inclusion);
    fixLines = List.copyOf(fixLines);
    findings = List.copyOf(findings);
  }

  /** True when a finding is an error (the boot would use a wrong or lacking module). */
  public boolean hasErrors() {
    return findings.stream().anyMatch(Finding::isError);
  }
}
