package dev.rdmaforge.build.exec.progress;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the phases of a build from its log lines, one line at a time, for both tools
 * rdmaforge runs (checked against their real output, rpm 4.18 and dpkg 1.21):
 *
 * <pre>
 * rpmbuild --rebuild                      dpkg-buildpackage -b -us -uc -d
 * Installing SRPM                         dpkg-buildpackage: info: source package NAME
 * Executing(%prep): /bin/sh -e ...         debian/rules clean   (one space; "fakeroot " may lead)
 * Executing(%build): ...                   debian/rules build
 * Executing(%install): ...                 debian/rules binary
 * Processing files: NAME                  dpkg-deb: building package 'NAME' in '../FILE'.
 * Wrote: FILE                              dpkg-genchanges --build=binary ...
 * Executing(%clean): ...                  dpkg-buildpackage: info: binary-only upload ...
 * </pre>
 *
 * <p>Phases only move forward: a line naming an earlier phase (a spec's own echo, dh's nested
 * {@code debian/rules override_dh_...}, which has three leading spaces) changes nothing. Within a
 * phase, Kbuild's stages move the bar: the first {@code CC [M]} of a pass, then {@code MODPOST},
 * then {@code LD [M]} (Kbuild compiles every object before modpost and links the {@code .ko} files
 * after it), each shown as the detail; the share never goes back.
 */
public final class PhaseTracker {
  private static final Pattern EXECUTING = Pattern.compile("^Executing\\(([^)]+)\\)");
  private static final Pattern RULES = Pattern.compile(
      "^ (?:\\S+ )?debian/rules (clean|build(?:-arch|-indep)?|binary(?:-arch|-indep)?)\\s*$");
  private static final Pattern DPKG_DEB = Pattern.compile("^dpkg-deb: building package '([^']+)'");
  private static final Pattern KBUILD =
      Pattern.compile("^\\s+(CC \\[M\\]|LD \\[M\\]|MODPOST)\\s*(\\S*)");

  /** rpmbuild's sections (its {@code Executing(...)} names) by phase. */
  private static final Map<String, BuildPhase> SECTIONS = Map.of(
      "%prep", BuildPhase.PREPARING,
      "%generate_buildrequires", BuildPhase.PREPARING,
      "%conf", BuildPhase.BUILDING,
      "%build", BuildPhase.BUILDING,
      "%install", BuildPhase.INSTALLING,
      "%check", BuildPhase.INSTALLING,
      "%clean", BuildPhase.FINISHING,
      "--clean", BuildPhase.FINISHING,
      "rmbuild", BuildPhase.FINISHING);

  private BuildPhase phase = BuildPhase.STARTING;
  private String label = "starting";
  private String detail = "";
  private double within;

  /** Takes the next line of the log (without its line end). */
  public void accept(String line) {
    Matcher m = EXECUTING.matcher(line);
    if (m.find()) {
      BuildPhase p = SECTIONS.get(m.group(1));
      if (p != null) {
        enter(p, m.group(1), "");
      }
      return;
    }
    if (line.startsWith("Installing ") && phase == BuildPhase.STARTING) {
      enter(BuildPhase.PREPARING, "rpmbuild", "installing " + baseName(line.substring(11)));
    } else if (line.startsWith("Processing files: ")) {
      enter(BuildPhase.PACKAGING, "package", line.substring(18).strip());
    } else if (line.startsWith("Wrote: ")) {
      enter(BuildPhase.PACKAGING, "package", "wrote " + baseName(line.substring(7)));
    } else if (line.startsWith("dpkg-buildpackage: info: source package ")) {
      enter(BuildPhase.PREPARING, "dpkg-buildpackage", line.substring(25).strip());
    } else if (line.startsWith("dpkg-buildpackage: info: binary-only upload")) {
      enter(BuildPhase.FINISHING, "dpkg-buildpackage", "binary-only upload");
    } else if (line.startsWith(" dpkg-genbuildinfo ") || line.startsWith(" dpkg-genchanges ")) {
      String tool = line.strip().split(" ", 2)[0];
      enter(BuildPhase.FINISHING, tool, "");
    } else if ((m = DPKG_DEB.matcher(line)).find()) {
      enter(BuildPhase.PACKAGING, "dpkg-deb", m.group(1));
    } else if ((m = RULES.matcher(line)).find()) {
      String target = m.group(1);
      BuildPhase p = target.startsWith("clean") ? BuildPhase.PREPARING
          : target.startsWith("build") ? BuildPhase.BUILDING : BuildPhase.INSTALLING;
      enter(p, "rules " + target, "");
    } else if ((m = KBUILD.matcher(line)).find()) {
      kbuild(m.group(1), m.group(2));
    }
  }

  /** Where the build is, after the lines taken so far. */
  public StepProgress progress() {
    double f = phase.start() + (phase.end() - phase.start()) * within;
    return new StepProgress(phase, label, detail, Math.min(1, Math.max(0, f)));
  }

  /** Whether some line named a phase. */
  public boolean started() {
    return phase != BuildPhase.STARTING;
  }

  private void enter(BuildPhase p, String newLabel, String newDetail) {
    if (p.compareTo(phase) < 0) {
      return;
    }
    if (p != phase) {
      within = 0;
    }
    phase = p;
    label = newLabel;
    detail = newDetail;
  }

  private void kbuild(String stage, String target) {
    if (phase == BuildPhase.STARTING) {
      return; // not a build phase: a tool we do not know printed it
    }
    double share = switch (stage) {
      case "CC [M]" -> 0.1;
      case "MODPOST" -> 0.6;
      default -> 0.8;
    };
    within = Math.max(within, share);
    String name = stage.equals("MODPOST") ? "" : baseName(target);
    detail = name.isEmpty() ? stage : stage + " " + name;
  }

  private static String baseName(String path) {
    String p = path.strip();
    int slash = p.lastIndexOf('/');
    return slash >= 0 ? p.substring(slash + 1) : p;
  }
}
