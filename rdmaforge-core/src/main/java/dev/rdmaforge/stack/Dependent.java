package dev.rdmaforge.stack;

import dev.rdmaforge.report.Location;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A package built against the bundle's kernel part, as Lustre's o2iblnd is built with {@code
 * --with-o2ib=<the provider's devel tree>}: it must be rebuilt whenever its provider is.
 *
 * @param name its name in the description (unique)
 * @param source a source RPM, a Debian source archive or a source tree directory
 * @param sourceForm which of the three
 * @param provider the bundle's kernel package it builds against (e.g. {@code mlnx-ofa_kernel});
 *     its {@code -devel} output is what the build sees
 * @param options build options as written, with {@value #PROVIDER_DEVEL} not yet substituted
 * @param at where the description lists it
 * @param providerAt where it names its provider
 */
public record Dependent(
    String name,
    Path source,
    SourceForm sourceForm,
    String provider,
    List<String> options,
    Location at,
    Location providerAt) {

  /** The placeholder for the directory of the provider's unpacked devel output. */
  public static final String PROVIDER_DEVEL = "{provider.devel}";

  /** How the source is given. */
  public enum SourceForm {
    /** A source RPM ({@code .src.rpm}). */
    SRPM,
    /**
     * A Debian source archive: a tar archive ({@code NAME_VERSION.orig.tar.gz}, {@code .tar.xz},
     * {@code .tgz}, ...) whose single top directory holds the sources and {@code debian/}, as
     * MLNX_OFED_SRC-debian ships its sources.
     */
    ARCHIVE,
    /**
     * A directory holding the source tree: for RPM output a spec directory (the spec at its top,
     * with the sources it names beside it, as in a dist-git checkout); for DEB output an unpacked
     * Debian source tree ({@code debian/control} at its top).
     */
    TREE
  }

  /** Requires every part and freezes the options. */
  public Dependent {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sourceForm, "sourceForm");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(providerAt, "providerAt");
    options = List.copyOf(options);
  }

  /** The options with {@value #PROVIDER_DEVEL} replaced by {@code providerDevel}. */
  public List<String> options(Path providerDevel) {
    List<String> out = new ArrayList<>(options.size());
    for (String o : options) {
      out.add(o.replace(PROVIDER_DEVEL, providerDevel.toString()));
    }
    return out;
  }
}
