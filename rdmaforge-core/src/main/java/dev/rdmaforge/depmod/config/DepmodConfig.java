package dev.rdmaforge.depmod.config;

import java.util.List;

/**
 * depmod.d configuration as kmod holds it after reading every file. kmod prepends each entry to a
 * linked list, so every list here is in kmod's list order: the entry parsed last comes first.
 * That order is what decides precedence (see {@code dev.rdmaforge.depmod.ModulePriority}).
 *
 * @param overrides override lines whose kernel matched, last parsed first
 * @param searches search words, last parsed first; {@code search updates} when no file had one
 * @param externals external lines whose kernel matched, last parsed first
 * @param excludes exclude words, last parsed first
 * @param files the configuration files read, in the order kmod parsed them
 */
public record DepmodConfig(
    List<OverrideRule> overrides,
    List<SearchEntry> searches,
    List<ExternalDir> externals,
    List<String> excludes,
    List<String> files) {

  public DepmodConfig {
    overrides = List.copyOf(overrides);
    searches = List.copyOf(searches);
    externals = List.copyOf(externals);
    excludes = List.copyOf(excludes);
    files = List.copyOf(files);
  }

  /** The configuration kmod uses when it reads no file at all (module paths on the command line). */
  public static DepmodConfig none() {
    return new DepmodConfig(List.of(), List.of(), List.of(), List.of(), List.of());
  }
}
