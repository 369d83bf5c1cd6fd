package dev.rdmaforge.modprobe;

/**
 * Why a module is in modprobe's list.
 *
 * @param kind how it got there
 * @param of the module that pulled it in (whose modules.dep line or softdep line names it); null
 *     for the requested module
 * @param softdep the softdep line, for {@link Kind#SOFTDEP_PRE} and {@link Kind#SOFTDEP_POST}
 */
public record StepReason(Kind kind, String of, SoftdepEntry softdep) {

  /** How a module got into the list. */
  public enum Kind {
    /** The module modprobe was asked for (after alias lookup). */
    REQUESTED,
    /** Listed in the requested (or a softdep's) module's modules.dep line. */
    DEPENDENCY,
    /** A {@code pre:} soft dependency: loaded before, its failure ignored. */
    SOFTDEP_PRE,
    /** A {@code post:} soft dependency: loaded after, its failure ignored. */
    SOFTDEP_POST
  }

  static final StepReason REQUESTED = new StepReason(Kind.REQUESTED, null, null);

  static StepReason dependencyOf(String module) {
    return new StepReason(Kind.DEPENDENCY, module, null);
  }
}
