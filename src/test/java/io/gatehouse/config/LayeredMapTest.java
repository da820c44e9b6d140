package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LayeredMapTest {

    @Test
    void with_manyEditsOverManyVersions_matchesAPlainMap_andLeavesEveryEarlierVersionAsItWas() {
        Random random = new Random(42);
        LayeredMap<String, Integer> layered = LayeredMap.empty();
        Map<String, Integer> model = new HashMap<>();
        List<LayeredMap<String, Integer>> versions = new ArrayList<>();
        List<Map<String, Integer>> models = new ArrayList<>();
        for (int version = 0; version < 400; version++) {
            Map<String, Integer> edits = new HashMap<>();
            for (int e = random.nextInt(version < 5 ? 300 : 4); e >= 0; e--) {
                String key = "k" + random.nextInt(500);
                Integer value = random.nextInt(5) == 0 ? null : random.nextInt();
                edits.put(key, value);
            }
            edits.forEach((key, value) -> {
                if (value == null) {
                    model.remove(key);
                } else {
                    model.put(key, value);
                }
            });
            layered = layered.with(edits);
            versions.add(layered);
            models.add(Map.copyOf(model));
        }

        for (int i = 0; i < versions.size(); i++) {
            LayeredMap<String, Integer> version = versions.get(i);
            assertThat(version).isEqualTo(models.get(i));
            assertThat(version.size()).isEqualTo(models.get(i).size());
            assertThat(version.keySet()).containsExactlyInAnyOrderElementsOf(models.get(i).keySet());
        }
    }

    @Test
    void with_removingAnAbsentKey_changesNothing() {
        LayeredMap<String, Integer> map = LayeredMap.<String, Integer>empty().with(Map.of("a", 1));
        Map<String, Integer> removeAbsent = new HashMap<>();
        removeAbsent.put("b", null);

        LayeredMap<String, Integer> next = map.with(removeAbsent);

        assertThat(next).isEqualTo(Map.of("a", 1));
        assertThat(next.containsKey("b")).isFalse();
        assertThat(next.get("b")).isNull();
    }
}
