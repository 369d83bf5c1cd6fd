package dev.rdmaforge.build.exec.progress;

/**
 * The phases of a package build, in the order the tools run them, each with the share of the
 * progress bar where it starts. The shares are not measured durations: they only keep the bar
 * moving forward, with most of it for the compile, which is where a kernel-module build spends
 * its time.
 */
public enum BuildPhase {
  /** The log does not exist yet: the step is still setting up its build root. */
  WAITING(0.0),
  /** The log exists but the tool has not announced a phase yet. */
  STARTING(0.0),
  /**
   * Unpacking and cleaning: rpmbuild's {@code Installing SRPM} and {@code %prep};
   * dpkg-buildpackage's {@code source package} and {@code debian/rules clean}.
   */
  PREPARING(0.02),
  /** Compiling: {@code %conf}, {@code %build}; {@code debian/rules build}. */
  BUILDING(0.10),
  /**
   * Installing into the build root: {@code %install}, {@code %check}; {@code debian/rules
   * binary}.
   */
  INSTALLING(0.80),
  /** Making the packages: {@code Processing files}, {@code Wrote:}; {@code dpkg-deb: building}. */
  PACKAGING(0.88),
  /**
   * Cleaning up: {@code %clean}, {@code rmbuild}; {@code dpkg-genbuildinfo}, {@code
   * dpkg-genchanges}.
   */
  FINISHING(0.96);

  private final double start;

  BuildPhase(double start) {
    this.start = start;
  }

  /** Where this phase starts on the bar, from 0 to 1. */
  public double start() {
    return start;
  }

  /** Where it ends: where the next phase starts, 1 for the last. */
  public double end() {
    BuildPhase[] all = values();
    return ordinal() + 1 < all.length ? all[ordinal() + 1].start : 1.0;
  }
}
