package dev.rdmaforge.check;

/** The taint flags a loaded module carries, as {@code /sys/module/M/taint} shows them. */
public enum Taint {
  /** E: not signed by a key the kernel trusts (signatures not enforced). */
  UNSIGNED('E', "unsigned"),
  /** O: no {@code intree=Y} in .modinfo. */
  OUT_OF_TREE('O', "out-of-tree"),
  /** C: {@code staging=Y}. */
  STAGING('C', "staging"),
  /** P: a license that is not GPL-compatible (or none). */
  PROPRIETARY('P', "proprietary"),
  /** F: loaded without version checks (no {@code __versions}, or exports without CRCs). */
  FORCED('F', "forced"),
  /** N: {@code test=Y} (kernel self-test modules). */
  TEST('N', "test");

  private final char letter;
  private final String id;

  Taint(char letter, String id) {
    this.letter = letter;
    this.id = id;
  }

  /** The letter the kernel prints. */
  public char letter() {
    return letter;
  }

  /** The name used in JSON and text output. */
  public String id() {
    return id;
  }
}
