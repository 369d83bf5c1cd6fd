package dev.rdmaforge.depmod.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writer then reader over generated key sets, checked against a plain map model of depmod's
 * insert rules. Keys come from small alphabets so that they share prefixes, end inside each
 * other's prefixes and force node splits, as aliases like {@code pci:v00008086d*} do.
 */
class KmodIndexRoundTripTest {

  /** One insert call. */
  private record Insert(String key, String value, int priority) {}

  private static Stream<Long> seeds() {
    return LongStream.range(0, 60).boxed();
  }

  private static List<Insert> generate(long seed) {
    Random random = new Random(seed);
    String[] alphabets = {"ab", "abc:", "pci:v0*-_[]", "\u0001\u007f~ az09"};
    String alphabet = alphabets[random.nextInt(alphabets.length)];
    int keys = 1 + random.nextInt(seed % 10 == 0 ? 2000 : 60);
    List<String> keyPool = new ArrayList<>();
    for (int i = 0; i < keys; i++) {
      int len = random.nextInt(12);
      StringBuilder sb = new StringBuilder();
      for (int j = 0; j < len; j++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      keyPool.add(sb.toString());
    }
    List<Insert> inserts = new ArrayList<>();
    int count = keys + random.nextInt(keys + 1);
    for (int i = 0; i < count; i++) {
      String key = keyPool.get(random.nextInt(keyPool.size()));
      // Some values carry a byte above 0x7f, which kmod allows in values.
      String value = "m" + random.nextInt(5) + (random.nextBoolean() ? "\u00e9" : "");
      int priority = random.nextInt(10) == 0 ? -1 - random.nextInt(3) : random.nextInt(4);
      inserts.add(new Insert(key, value, priority));
    }
    return inserts;
  }

  /** depmod's rules as a map: before the first value of equal or higher unsigned priority. */
  private static Map<String, List<IndexValue>> model(List<Insert> inserts) {
    Map<String, List<IndexValue>> model = new TreeMap<>();
    for (Insert in : inserts) {
      List<IndexValue> values = model.computeIfAbsent(in.key(), k -> new ArrayList<>());
      int at = 0;
      while (at < values.size()
          && Integer.compareUnsigned(values.get(at).priority(), in.priority()) < 0) {
        at++;
      }
      values.add(at, new IndexValue(in.value(), in.priority()));
    }
    return model;
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void toBytes_thenParse_givesTheModelsEntries(long seed) {
    List<Insert> inserts = generate(seed);
    KmodIndex index = new KmodIndex();
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (Insert in : inserts) {
      boolean duplicate = index.insert(in.key(), in.value(), in.priority());
      String pair = in.key() + "\0" + in.value();
      assertThat(duplicate).as("duplicate flag for %s", pair).isEqualTo(seen.containsKey(pair));
      seen.merge(pair, 1, Integer::sum);
    }

    KmodIndexReader reader = KmodIndexReader.parse(index.toBytes(), "seed-" + seed);

    Map<String, List<IndexValue>> expected = model(inserts);
    assertThat(reader.entries()).isEqualTo(expected);
    // Trie order is unsigned byte order, which TreeMap's char order equals for one char per byte.
    assertThat(new ArrayList<>(reader.entries().keySet()))
        .containsExactlyElementsOf(expected.keySet());
    assertThat(index.keyCount()).isEqualTo(expected.size());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void toBytes_distinctKeysInAnyOrder_sameBytes(long seed) {
    // The trie's shape depends only on the key set: modules.symbols.bin is the same whatever
    // order depmod's hash walk inserts the symbols in.
    List<Insert> inserts = new ArrayList<>(model(generate(seed)).keySet().stream()
        .map(k -> new Insert(k, "v", 0)).toList());
    KmodIndex sorted = new KmodIndex();
    inserts.forEach(in -> sorted.insert(in.key(), in.value(), in.priority()));
    Collections.shuffle(inserts, new Random(seed));
    KmodIndex shuffled = new KmodIndex();
    inserts.forEach(in -> shuffled.insert(in.key(), in.value(), in.priority()));
    assertThat(shuffled.toBytes()).isEqualTo(sorted.toBytes());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void entries_inMemory_equalTheParsedFileInOrder(long seed) {
    // check's modprobe reads modules.alias.bin of a resolution from memory: the same map, in the
    // same order, as a reader of the written file gets.
    KmodIndex index = new KmodIndex();
    for (Insert in : generate(seed)) {
      index.insert(in.key(), in.value(), in.priority());
    }
    Map<String, List<IndexValue>> parsed =
        KmodIndexReader.parse(index.toBytes(), "seed-" + seed).entries();
    assertThat(index.entries()).isEqualTo(parsed);
    assertThat(new ArrayList<>(index.entries().keySet()))
        .containsExactlyElementsOf(parsed.keySet());
  }
}
