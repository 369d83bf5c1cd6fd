package dev.rdmaforge.modprobe;

import dev.rdmaforge.depmod.index.IndexValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * kmod's {@code index_mm_searchwild} over an alias index: the values of every key that is the name
 * itself or a pattern matching it, in kmod's order.
 *
 * <p>kmod walks the trie along the name; at each node it first searches the subtrees under {@code
 * *}, {@code ?} and {@code [} (each in post-order: children by byte, then the node's own values; a
 * key's wildcard part is matched with fnmatch against the rest of the name), then goes down the
 * next character; the exact key comes last. It inserts each value into a list sorted by priority, a
 * new value going before the values of equal priority. So: sort by priority, and among equal
 * priorities the value found last comes first. This class computes the same visiting order without
 * a trie: a key is visited at the position of its first wildcard (earlier positions first), then by
 * the rest of the key, a key before the keys it is a prefix of coming after them.
 */
final class WildcardIndex {
  private final Map<String, List<IndexValue>> exact = new HashMap<>();
  private final List<Pattern> patterns = new ArrayList<>();

  private record Pattern(String key, int wildcardAt, List<IndexValue> values) {}

  private static final Comparator<String> POST_ORDER =
      (a, b) -> {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
          int d = a.charAt(i) - b.charAt(i);
          if (d != 0) {
            return d;
          }
        }
        return b.length() - a.length(); // the longer one (a descendant) is visited first
      };

  WildcardIndex(Map<String, List<IndexValue>> index) {
    index.forEach(
        (key, values) -> {
          int at = firstWildcard(key);
          if (at < 0) {
            exact.put(key, values);
          } else {
            patterns.add(new Pattern(key, at, values));
          }
        });
  }

  /** Results by name: the index never changes, and every modprobe run asks for the same names. */
  private final Map<String, List<String>> searched = new ConcurrentHashMap<>();

  /** The module names {@code name} resolves to, in the order kmod returns them. */
  List<String> search(String name) {
    List<String> known = searched.get(name);
    if (known == null) {
      known = List.copyOf(searchOnce(name));
      searched.putIfAbsent(name, known);
    }
    return known;
  }

  private List<String> searchOnce(String name) {
    List<Pattern> visited = new ArrayList<>();
    for (Pattern p : patterns) {
      int at = p.wildcardAt();
      if (at <= name.length()
          && name.regionMatches(0, p.key(), 0, at)
          && Fnmatch.matches(p.key().substring(at), name.substring(at))) {
        visited.add(p);
      }
    }
    visited.sort(
        Comparator.comparingInt(Pattern::wildcardAt)
            .thenComparing(p -> p.key().substring(p.wildcardAt()), POST_ORDER));
    List<IndexValue> found = new ArrayList<>();
    for (Pattern p : visited) {
      p.values().forEach(v -> insert(found, v));
    }
    List<IndexValue> own = exact.get(name);
    if (own != null) {
      own.forEach(v -> insert(found, v));
    }
    List<String> names = new ArrayList<>(found.size());
    found.forEach(v -> names.add(v.value()));
    return names;
  }

  /** kmod's add_value: before the first value whose priority is not lower. */
  private static void insert(List<IndexValue> list, IndexValue v) {
    int i = 0;
    while (i < list.size() && Integer.compareUnsigned(list.get(i).priority(), v.priority()) < 0) {
      i++;
    }
    list.add(i, v);
  }

  private static int firstWildcard(String key) {
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '*' || c == '?' || c == '[') {
        return i;
      }
    }
    return -1;
  }
}
