package dev.rdmaforge.fabric.opensm;

import dev.rdmaforge.report.Finding;
import java.util.List;
import java.util.Optional;

/**
 * A partitions.conf as OpenSM reads it.
 *
 * @param file the file as named by the user
 * @param partitions the partitions in creation order (Default 0x7fff first if present)
 * @param findings what OpenSM would reject, skip, or silently change
 * @param discarded true when OpenSM throws the whole file away (fatal error, or empty)
 * @param usesBoth whether any entry asks for {@code both} membership
 */
public record PartitionsConf(
    String file, List<Partition> partitions, List<Finding> findings, boolean discarded,
    boolean usesBoth) {

  /** The OpenSM Default partition's PKey. */
  public static final int DEFAULT_PKEY = 0x7fff;

  /** The partition with this 15-bit PKey. */
  public Optional<Partition> byPkey(int pkey) {
    return partitions.stream().filter(p -> p.pkey() == pkey).findFirst();
  }
}
