package dev.rdmaforge.stack;

import dev.rdmaforge.fabric.yaml.Suggest;
import dev.rdmaforge.fabric.yaml.YamlDocuments;
import dev.rdmaforge.fabric.yaml.YamlMap;
import dev.rdmaforge.fabric.yaml.YamlProblems;
import dev.rdmaforge.pkg.PackageFormat;
import dev.rdmaforge.pkg.repo.Repositories;
import dev.rdmaforge.pkg.repo.RepositoryLayout;
import dev.rdmaforge.report.Location;
import dev.rdmaforge.report.UserInputException;
import dev.rdmaforge.stack.OutputSpec.RepositoryKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads a stack description (docs/stack.md). The YAML is composed, not constructed, so every value
 * keeps its line:column; every problem — a syntax error, an unknown key (with the nearest valid
 * one), a value of the wrong type, a missing required key, an input path that does not exist —
 * is reported with its {@code file:line:column} and what was expected, all together in one {@link
 * UserInputException}. Relative paths are resolved against the directory of the YAML file.
 */
public final class StackDescriptions {
  static final List<String> TOP_KEYS =
      List.of("bundle", "kernels", "dependents", "output", "signing");
  static final List<String> KERNEL_KEYS =
      List.of("release", "headers", "symvers", "config", "builtin", "image");
  static final List<String> DEPENDENT_KEYS = List.of("name", "source", "provider", "options");
  static final List<String> OUTPUT_KEYS = List.of("format", "directory", "repository");
  static final List<String> SIGNING_KEYS = List.of("key", "certificate", "hash");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^{}]*\\}");
  private static final Pattern RELEASE = Pattern.compile("[A-Za-z0-9._+~-]+");
  /** A Debian source archive's file name. */
  private static final Pattern SOURCE_ARCHIVE =
      Pattern.compile(".+\\.(tar\\.(gz|xz|bz2|zst)|tgz)");

  private final YamlProblems problems;
  private final Path base;

  private StackDescriptions(YamlProblems problems, Path base) {
    this.problems = problems;
    this.base = base;
  }

  /** Reads and checks the description in {@code file}. */
  public static StackDescription read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException ex) {
      throw new UserInputException(file + ": no such file; give the stack description (YAML,"
          + " see docs/stack.md)");
    } catch (IOException ex) {
      throw new UserInputException(file + ": cannot read: " + ex.getMessage(), ex);
    }
    return parse(file, text);
  }

  /**
   * Parses description text as if read from {@code file}: positions name {@code file}, and
   * relative paths resolve against its directory.
   */
  public static StackDescription parse(Path file, String text) {
    String name = file.toString();
    Node root = YamlDocuments.compose(name, text, "see docs/stack.md");
    YamlProblems problems = new YamlProblems(name);
    Path base = file.toAbsolutePath().normalize().getParent();
    return new StackDescriptions(problems, base).description(file, root);
  }

  private StackDescription description(Path file, Node root) {
    YamlMap top = YamlMap.of(root, problems, "").orElse(null);
    if (top == null) {
      problems.throwIfAny();
    }
    top.rejectUnknown(TOP_KEYS);
    BundleSource bundle = bundle(top);
    List<TargetKernel> kernels = kernels(top);
    List<Dependent> dependents = dependents(top);
    OutputSpec output = output(top);
    Optional<SigningSpec> signing = top.map("signing").flatMap(this::signing);
    problems.throwIfAny();
    return new StackDescription(file.toAbsolutePath().normalize(), bundle, kernels, dependents,
        output, signing);
  }

  private BundleSource bundle(YamlMap top) {
    String text = top.requiredString("bundle",
        "add `bundle: ./MLNX_OFED_LINUX-VER-DISTRO-ARCH` (a directory or its .tgz)");
    if (text.isEmpty()) {
      return null;
    }
    Node at = top.value("bundle").get();
    Optional<Path> path = existing(at, "bundle", text,
        "give the unpacked MLNX_OFED bundle directory or its .tgz");
    if (path.isEmpty()) {
      return null;
    }
    Path p = path.get();
    if (Files.isDirectory(p)) {
      if (Repositories.layout(p) != RepositoryLayout.MLNX_OFED) {
        problems.add(at, "bundle '" + text + "' is not an MLNX_OFED bundle: expected a version"
            + " file (.mlnx or mlnx) and RPMS/ or DEBS/ in it",
            "give the directory the bundle's .tgz unpacks to (MLNX_OFED_LINUX-VER-DISTRO-ARCH)");
        return null;
      }
      return new BundleSource(p, BundleSource.Form.DIRECTORY, problems.where(at));
    }
    String lower = p.getFileName().toString().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".tgz") || lower.endsWith(".tar.gz")) {
      return new BundleSource(p, BundleSource.Form.TGZ, problems.where(at));
    }
    problems.add(at, "bundle '" + text + "' is neither a directory nor a .tgz",
        "give the unpacked MLNX_OFED bundle directory or its .tgz");
    return null;
  }

  private List<TargetKernel> kernels(YamlMap top) {
    List<TargetKernel> out = new ArrayList<>();
    if (top.value("kernels").isEmpty()) {
      problems.add(top.node(), "the description needs 'kernels'",
          "list the target kernels: `kernels: [{release: 6.1.0-56-amd64, headers:"
              + " /usr/src/linux-headers-6.1.0-56-amd64}]`");
      return out;
    }
    List<Node> items = sequence(top, "kernels");
    if (items.isEmpty() && top.value("kernels").get() instanceof org.snakeyaml.engine.v2.nodes.SequenceNode) {
      problems.add(top.value("kernels").get(), "kernels is empty: expected at least one kernel",
          "add `- release: KVER` with its `headers:`");
    }
    Map<String, Location> seen = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      YamlMap m = YamlMap.of(item, problems, "kernels[" + i + "]").orElse(null);
      if (m == null) {
        continue;
      }
      m.rejectUnknown(KERNEL_KEYS);
      String release = m.requiredString("release", "add `release: KVER` (the kernel's uname -r)");
      if (!release.isEmpty() && !RELEASE.matcher(release).matches()) {
        problems.add(m.value("release").get(), "release '" + release + "' is not a kernel"
            + " release: expected letters, digits and . _ + ~ - only", "write it as uname -r"
            + " prints it, e.g. 6.1.0-56-amd64");
      } else if (!release.isEmpty()) {
        Location first = seen.putIfAbsent(release, problems.where(m.value("release").get()));
        if (first != null) {
          problems.add(m.value("release").get(), "kernel " + release + " is listed twice (first"
              + " at " + first + ")", "keep one of them");
        }
      }
      TargetKernel k = kernel(m, release);
      if (k != null) {
        out.add(k);
      }
    }
    return out;
  }

  private TargetKernel kernel(YamlMap m, String release) {
    String headersText = m.requiredString("headers",
        "add `headers:` (the kernel headers / kernel-devel directory, or its .deb/.rpm)");
    Optional<Path> headers = headersText.isEmpty() ? Optional.empty()
        : existing(m.value("headers").get(), m.path() + ".headers", headersText,
            "install the kernel's headers (linux-headers-KVER or kernel-devel) or give the"
                + " package file");
    Optional<Path> symvers = optionalFile(m, "symvers");
    Optional<Path> config = optionalFile(m, "config");
    Optional<Path> builtin = optionalFile(m, "builtin");
    Optional<Path> image = optionalFile(m, "image");
    if (headers.isEmpty() || release.isEmpty()) {
      return null;
    }
    Node at = m.value("headers").get();
    Path h = headers.get();
    TargetKernel.HeadersForm form;
    if (Files.isDirectory(h)) {
      form = TargetKernel.HeadersForm.DIRECTORY;
      defaultFile(at, m, "symvers", symvers, h.resolve("Module.symvers"));
      defaultFile(at, m, "config", config, h.resolve(".config"));
      if (builtin.isEmpty() && Files.isRegularFile(h.resolve("modules.builtin"))) {
        builtin = Optional.of(h.resolve("modules.builtin"));
      }
    } else if (h.getFileName().toString().endsWith(".deb")) {
      form = TargetKernel.HeadersForm.DEB;
    } else if (h.getFileName().toString().endsWith(".rpm")) {
      form = TargetKernel.HeadersForm.RPM;
    } else {
      problems.add(at, m.path() + ".headers '" + m.string("headers").orElse("") + "' is neither"
          + " a directory nor a .deb or .rpm", "give the headers directory or the"
          + " linux-headers .deb / kernel-devel .rpm");
      return null;
    }
    return new TargetKernel(release, h, form, symvers, config, builtin,
        problems.where(m.node()), image);
  }

  /** Reports a default file ({@code HEADERS/Module.symvers}) that the tree does not have. */
  private void defaultFile(Node headersAt, YamlMap m, String key, Optional<Path> given,
      Path dflt) {
    if (given.isEmpty() && m.value(key).isEmpty() && !Files.isRegularFile(dflt)) {
      problems.add(headersAt, m.path() + ".headers has no " + dflt.getFileName() + " (looked"
          + " for " + dflt + ")", "give `" + key + ":` with the kernel's own file");
    }
  }

  private List<Dependent> dependents(YamlMap top) {
    List<Dependent> out = new ArrayList<>();
    List<Node> items = sequence(top, "dependents");
    Map<String, Location> seen = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      YamlMap m = YamlMap.of(items.get(i), problems, "dependents[" + i + "]").orElse(null);
      if (m == null) {
        continue;
      }
      m.rejectUnknown(DEPENDENT_KEYS);
      String name = m.requiredString("name", "add `name:` (how reports call this dependent)");
      if (!name.isEmpty()) {
        Location first = seen.putIfAbsent(name, problems.where(m.value("name").get()));
        if (first != null) {
          problems.add(m.value("name").get(), "dependent '" + name + "' is listed twice (first"
              + " at " + first + ")", "give each dependent its own name");
        }
      }
      String sourceText = m.requiredString("source",
          "add `source:` (a .src.rpm, a Debian source archive or a source tree directory)");
      Optional<Path> source = sourceText.isEmpty() ? Optional.empty()
          : existing(m.value("source").get(), m.path() + ".source", sourceText,
              "give the dependent's source RPM or source directory");
      String provider = m.requiredString("provider",
          "add `provider:` (the bundle's kernel package it builds against, e.g."
              + " mlnx-ofa_kernel)");
      List<String> options = new ArrayList<>();
      for (ScalarNode o : scalars(m, "options")) {
        checkPlaceholders(o);
        options.add(o.getValue());
      }
      Dependent.SourceForm form = null;
      if (source.isPresent()) {
        if (Files.isDirectory(source.get())) {
          form = Dependent.SourceForm.TREE;
        } else if (source.get().getFileName().toString().endsWith(".src.rpm")) {
          form = Dependent.SourceForm.SRPM;
        } else if (SOURCE_ARCHIVE.matcher(source.get().getFileName().toString()).matches()) {
          form = Dependent.SourceForm.ARCHIVE;
        } else {
          problems.add(m.value("source").get(), m.path() + ".source '" + sourceText + "' is"
              + " neither a source RPM (.src.rpm), a Debian source archive (.tar.gz, .tgz,"
              + " .tar.xz, .tar.bz2, .tar.zst) nor a directory",
              "give the .src.rpm, the source archive or the unpacked source tree");
        }
      }
      if (!name.isEmpty() && form != null && !provider.isEmpty()) {
        out.add(new Dependent(name, source.get(), form, provider, options,
            problems.where(m.node()), problems.where(m.value("provider").get())));
      }
    }
    return out;
  }

  private void checkPlaceholders(ScalarNode option) {
    Matcher matcher = PLACEHOLDER.matcher(option.getValue());
    while (matcher.find()) {
      String found = matcher.group();
      if (!found.equals(Dependent.PROVIDER_DEVEL)) {
        String near = Suggest.closest(found, List.of(Dependent.PROVIDER_DEVEL));
        problems.add(option, "unknown placeholder " + found + " in option '"
            + option.getValue() + "'", near.isEmpty()
                ? "the only placeholder is " + Dependent.PROVIDER_DEVEL
                : "perhaps you meant " + near);
      }
    }
  }

  private OutputSpec output(YamlMap top) {
    Optional<YamlMap> o = top.map("output");
    if (o.isEmpty()) {
      if (top.value("output").isEmpty()) {
        problems.add(top.node(), "the description needs 'output'",
            "add `output: {format: rpm, directory: ./out}`");
      }
      return null;
    }
    YamlMap m = o.get();
    m.rejectUnknown(OUTPUT_KEYS);
    String formatText = m.requiredString("format", "add `format: rpm` or `format: deb`");
    PackageFormat format = null;
    if (formatText.equals("rpm")) {
      format = PackageFormat.RPM;
    } else if (formatText.equals("deb")) {
      format = PackageFormat.DEB;
    } else if (!formatText.isEmpty()) {
      problems.add(m.value("format").get(), "output.format '" + formatText + "' is unknown:"
          + " expected rpm or deb", hint(formatText, List.of("rpm", "deb")));
    }
    String dirText = m.requiredString("directory", "add `directory: ./out`");
    Path directory = null;
    if (!dirText.isEmpty()) {
      directory = resolve(dirText);
      if (Files.exists(directory) && !Files.isDirectory(directory)) {
        problems.add(m.value("directory").get(), "output.directory '" + dirText + "' exists and"
            + " is not a directory", "give a directory (it is made when missing)");
      }
    }
    RepositoryKind repository = format == PackageFormat.DEB ? RepositoryKind.APT
        : RepositoryKind.YUM;
    Optional<String> repoText = m.string("repository");
    if (repoText.isPresent()) {
      Node at = m.value("repository").get();
      switch (repoText.get()) {
        case "yum" -> repository = RepositoryKind.YUM;
        case "apt" -> repository = RepositoryKind.APT;
        case "none" -> repository = RepositoryKind.NONE;
        default -> {
          problems.add(at, "output.repository '" + repoText.get() + "' is unknown: expected yum,"
              + " apt or none", hint(repoText.get(), List.of("yum", "apt", "none")));
          repository = null;
        }
      }
      if (format != null && (repository == RepositoryKind.YUM && format == PackageFormat.DEB
          || repository == RepositoryKind.APT && format == PackageFormat.RPM)) {
        problems.add(at, "output.repository " + repoText.get() + " cannot hold " + formatText
            + " packages", "write `repository: " + (format == PackageFormat.DEB ? "apt" : "yum")
            + "` or `none`");
      }
    }
    if (format == null || directory == null || repository == null) {
      return null;
    }
    return new OutputSpec(format, directory, repository);
  }

  private Optional<SigningSpec> signing(YamlMap m) {
    m.rejectUnknown(SIGNING_KEYS);
    String keyText = m.requiredString("key", "add `key:` (the private key sign-file uses)");
    String certText = m.requiredString("certificate",
        "add `certificate:` (the X.509 certificate of the key)");
    Optional<Path> key = keyText.isEmpty() ? Optional.empty()
        : existing(m.value("key").get(), "signing.key", keyText, "give the signing key file");
    Optional<Path> cert = certText.isEmpty() ? Optional.empty()
        : existing(m.value("certificate").get(), "signing.certificate", certText,
            "give the certificate file");
    String hash = m.string("hash").orElse("sha256");
    if (!SigningSpec.HASHES.contains(hash)) {
      problems.add(m.value("hash").get(), "signing.hash '" + hash + "' is unknown: expected one"
          + " of " + String.join(", ", SigningSpec.HASHES), hint(hash, SigningSpec.HASHES));
      return Optional.empty();
    }
    if (key.isEmpty() || cert.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new SigningSpec(key.get(), cert.get(), hash));
  }

  private Optional<Path> optionalFile(YamlMap m, String key) {
    Optional<String> text = m.string(key);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<Path> p = existing(m.value(key).get(), m.path() + "." + key, text.get(),
        "give the kernel's own file, or leave `" + key + ":` out to use the one in the headers");
    if (p.isPresent() && !Files.isRegularFile(p.get())) {
      problems.add(m.value(key).get(), m.path() + "." + key + " '" + text.get() + "' is not a"
          + " file", "give the file itself");
      return Optional.empty();
    }
    return p;
  }

  /** The resolved path if it exists; reported at {@code at} otherwise. */
  private Optional<Path> existing(Node at, String what, String text, String fix) {
    Path p = resolve(text);
    if (!Files.exists(p)) {
      problems.add(at, what + " '" + text + "' does not exist"
          + (Path.of(text).isAbsolute() ? "" : " (resolved to " + p + ")"), fix);
      return Optional.empty();
    }
    return Optional.of(p);
  }

  private Path resolve(String text) {
    return base.resolve(text).normalize();
  }

  private List<Node> sequence(YamlMap m, String key) {
    Optional<Node> v = m.value(key);
    if (v.isPresent() && v.get() instanceof ScalarNode s && s.getValue().isEmpty()) {
      return List.of(); // `dependents:` with nothing after it
    }
    if (v.isPresent() && !(v.get() instanceof org.snakeyaml.engine.v2.nodes.SequenceNode)) {
      problems.add(v.get(), (m.path().isEmpty() ? "" : m.path() + ".") + key
          + " must be a list (lines starting with '- ')", "");
      return List.of();
    }
    return m.list(key);
  }

  private List<ScalarNode> scalars(YamlMap m, String key) {
    Optional<Node> v = m.value(key);
    if (v.isPresent() && !(v.get() instanceof org.snakeyaml.engine.v2.nodes.SequenceNode)) {
      problems.add(v.get(), m.path() + "." + key + " must be a list of strings, e.g. [\"--with-x\"]",
          "");
      return List.of();
    }
    return m.scalars(key);
  }

  private static String hint(String word, List<String> known) {
    String near = Suggest.closest(word, known);
    return near.isEmpty() ? "" : "perhaps you meant '" + near + "'";
  }
}
