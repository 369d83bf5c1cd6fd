package dev.rdmaforge.depmod;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KmodHashTest {
  @Test
  void superFastHash_lengthZero_isAvalanchedLength() {
    // hash = len = 0 survives every step as 0.
    assertThat(KmodHash.superFastHash(new byte[0])).isZero();
  }

  @Test
  void iterationOrder_groupsByBucketThenStrcmp() {
    List<String> keys = new ArrayList<>(List.of("mlx5_core", "ib_core", "ib_uverbs", "rdma_cm",
        "mlx4_ib", "b", "a"));
    keys.sort(KmodHash.iterationOrder(KmodHash.MODULE_BUCKETS));
    for (int i = 1; i < keys.size(); i++) {
      int prev = KmodHash.bucket(keys.get(i - 1), 512);
      int cur = KmodHash.bucket(keys.get(i), 512);
      assertThat(prev).isLessThanOrEqualTo(cur);
      if (prev == cur) {
        assertThat(keys.get(i - 1).compareTo(keys.get(i))).isNegative();
      }
    }
  }
}
