package dev.rdmaforge.testkit;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which Debian 12 kernels the integration tests use, chosen from the package names the archive
 * offers rather than hard-coded ABIs (Debian drops old ABIs from the archive over time).
 *
 * <ul>
 *   <li>{@code oldest61} and {@code newest61}: the lowest and highest {@code 6.1.0-N-amd64} ABI for
 *       which the archive has both {@code linux-image-*} and {@code linux-headers-*}, so {@code -E
 *       Module.symvers} checks are possible on both.
 *   <li>{@code series612}: one {@code 6.12.P+deb12-amd64} release (the newest with headers, else
 *       the newest image).
 * </ul>
 *
 * @param oldest61 e.g. {@code 6.1.0-47-amd64}
 * @param newest61 e.g. {@code 6.1.0-56-amd64}
 * @param series612 e.g. {@code 6.12.117+deb12-amd64}
 * @param withHeaders every chosen release whose headers package exists
 */
public record KernelSelection(
    String oldest61, String newest61, String series612, Set<String> withHeaders) {

  private static final Pattern IMAGE_61 = Pattern.compile("linux-image-(6\\.1\\.0-(\\d+)-amd64)");
  private static final Pattern HEADERS_61 =
      Pattern.compile("linux-headers-(6\\.1\\.0-(\\d+)-amd64)");
  private static final Pattern IMAGE_612 =
      Pattern.compile("linux-image-(6\\.12\\.(\\d+)\\+deb12-amd64)");
  private static final Pattern HEADERS_612 =
      Pattern.compile("linux-headers-(6\\.12\\.(\\d+)\\+deb12-amd64)");

  public KernelSelection {
    withHeaders = Set.copyOf(withHeaders);
  }

  /** The three releases, oldest 6.1 first. */
  public List<String> releases() {
    return List.of(oldest61, newest61, series612);
  }

  /**
   * Chooses from the names of the archive's packages (as {@code apt-cache search --names-only}
   * lists them; other names are ignored).
   *
   * @throws IllegalStateException when the archive lacks a needed kind of package
   */
  public static KernelSelection choose(Collection<String> packageNames) {
    Set<String> images61 = releases(packageNames, IMAGE_61);
    Set<String> headers61 = releases(packageNames, HEADERS_61);
    Set<String> images612 = releases(packageNames, IMAGE_612);
    Set<String> headers612 = releases(packageNames, HEADERS_612);

    List<String> both61 =
        images61.stream()
            .filter(headers61::contains)
            .sorted(Comparator.comparingInt(r -> abiNumber(r, IMAGE_61_RELEASE)))
            .collect(Collectors.toList());
    if (both61.isEmpty()) {
      throw new IllegalStateException(
          "the apt archive offers no linux-image-6.1.0-N-amd64 with matching linux-headers; is"
              + " bookworm (and bookworm-security) in the sources, and did `apt-get update` run?");
    }
    Comparator<String> by612Patch = Comparator.comparingInt(r -> abiNumber(r, IMAGE_612_RELEASE));
    Optional<String> with612Headers =
        images612.stream().filter(headers612::contains).max(by612Patch);
    String series612 =
        with612Headers
            .or(() -> images612.stream().max(by612Patch))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the apt archive offers no linux-image-6.12.*+deb12-amd64; add"
                            + " bookworm-updates / bookworm-security to the apt sources"));

    Set<String> withHeaders = new TreeSet<>(List.of(both61.get(0), both61.get(both61.size() - 1)));
    with612Headers.ifPresent(withHeaders::add);
    return new KernelSelection(
        both61.get(0), both61.get(both61.size() - 1), series612, withHeaders);
  }

  private static final Pattern IMAGE_61_RELEASE = Pattern.compile("6\\.1\\.0-(\\d+)-amd64");
  private static final Pattern IMAGE_612_RELEASE = Pattern.compile("6\\.12\\.(\\d+)\\+deb12-amd64");

  private static Set<String> releases(Collection<String> names, Pattern pattern) {
    Set<String> releases = new TreeSet<>();
    for (String name : names) {
      Matcher m = pattern.matcher(name.trim());
      if (m.matches()) {
        releases.add(m.group(1));
      }
    }
    return releases;
  }

  private static int abiNumber(String release, Pattern pattern) {
    Matcher m = pattern.matcher(release);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a release of this series: " + release);
    }
    return Integer.parseInt(m.group(1));
  }
}
