package dev.rdmaforge.kmod;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a section of NUL-separated strings the way libkmod's {@code kmod_elf_get_strings} (for
 * {@code .modinfo}) and {@code kmod_elf_get_symbols_symtab} (for {@code __ksymtab_strings}) do:
 * leading NUL padding is skipped, runs of NUL bytes separate strings, empty strings are dropped, a
 * last string without a terminating NUL is kept, and a section that is a single byte after the
 * padding yields nothing at all.
 */
final class StringSections {
  private StringSections() {}

  /**
   * The strings of the first section named {@code name}.
   *
   * @return the strings, empty when the section is missing or empty
   * @throws ModuleFormatException when libkmod would abort on the section lookup
   */
  static List<String> read(ElfImage image, String name) throws ModuleFormatException {
    ElfImage.Section section = image.findSection(name);
    if (section == null) {
      return List.of();
    }
    long start = section.offset();
    long end = section.end();
    // Skip the zero padding, but keep at least one byte as libkmod does.
    while (end - start > 1 && image.u8(start) == 0) {
      start++;
    }
    if (end - start <= 1) {
      return List.of();
    }
    List<String> strings = new ArrayList<>();
    long stringStart = start;
    for (long at = start; at < end; at++) {
      if (image.u8(at) == 0) {
        if (at > stringStart) {
          strings.add(image.string(stringStart, (int) (at - stringStart)));
        }
        stringStart = at + 1;
      }
    }
    if (stringStart < end) {
      strings.add(image.string(stringStart, (int) (end - stringStart)));
    }
    return strings;
  }

  /**
   * The {@code .modinfo} entries, each string split at its first {@code '='} as libkmod's {@code
   * kmod_module_get_info} splits it.
   */
  static List<ModinfoEntry> modinfo(ElfImage image) throws ModuleFormatException {
    List<String> strings = read(image, ".modinfo");
    List<ModinfoEntry> entries = new ArrayList<>(strings.size());
    for (String text : strings) {
      int equals = text.indexOf('=');
      entries.add(equals < 0
          ? new ModinfoEntry(text, "")
          : new ModinfoEntry(text.substring(0, equals), text.substring(equals + 1)));
    }
    return entries;
  }
}
