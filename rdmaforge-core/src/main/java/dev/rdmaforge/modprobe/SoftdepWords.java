package dev.rdmaforge.modprobe;

import dev.rdmaforge.depmod.config.Origin;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of a softdep line the way kmod 30 does. Words are separated by C whitespace;
 * {@code pre:} and {@code post:} switch the list the following words go to; words before either are
 * dropped. kmod's scanner has one quirk kept here: when the text starts with exactly one whitespace
 * character (the line had two spaces after the module name), that character stays part of the first
 * word, so a leading {@code pre:} is not recognised and the line has no soft dependencies at all.
 *
 * <p>kmod keeps the words it takes in one buffer, in line order, and {@code modprobe -c} prints the
 * buffer from the first to the last word of each list. This class records that rendering.
 */
final class SoftdepWords {
  private SoftdepWords() {}

  private enum Mode {
    NONE,
    PRE,
    POST
  }

  static SoftdepEntry parse(String module, String text, Origin origin) {
    List<String> buffer = new ArrayList<>(); // every word taken, in line order
    List<Integer> preAt = new ArrayList<>();
    List<Integer> postAt = new ArrayList<>();
    Mode mode = Mode.NONE;
    boolean wasSpace = false;
    int p = 0;
    for (int s = 0; ; s++) {
      char c = s < text.length() ? text.charAt(s) : '\0';
      if (c != '\0') {
        if (!isSpace(c)) {
          wasSpace = false;
          continue;
        }
        if (wasSpace) {
          p = s + 1;
          continue;
        }
        wasSpace = true;
        if (p >= s) {
          continue;
        }
      }
      String word = text.substring(Math.min(p, s), s);
      if (word.equals("pre:")) {
        mode = Mode.PRE;
      } else if (word.equals("post:")) {
        mode = Mode.POST;
      } else if (c != '\0' || !wasSpace) {
        if (mode == Mode.PRE) {
          preAt.add(buffer.size());
          buffer.add(word);
        } else if (mode == Mode.POST) {
          postAt.add(buffer.size());
          buffer.add(word);
        }
      }
      p = s + 1;
      if (c == '\0') {
        break;
      }
    }
    List<String> pre = new ArrayList<>();
    preAt.forEach(i -> pre.add(buffer.get(i)));
    List<String> post = new ArrayList<>();
    postAt.forEach(i -> post.add(buffer.get(i)));
    String shown = span("pre: ", buffer, preAt) + span("post: ", buffer, postAt);
    return new SoftdepEntry(module, pre, post, shown, origin);
  }

  /** kmod's softdep_to_char: the buffer from the list's first word to its last, spaced. */
  private static String span(String prefix, List<String> buffer, List<Integer> at) {
    if (at.isEmpty()) {
      return "";
    }
    int first = at.get(0);
    int last = at.get(at.size() - 1);
    String words = String.join(" ", buffer.subList(first, last + 1));
    // kmod skips the list when the span is empty (a single empty word cannot occur)
    return words.isEmpty() ? "" : prefix + words;
  }

  /** isspace() in the C locale. */
  static boolean isSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }
}
