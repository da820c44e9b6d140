package io.gatehouse.config;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An immutable map that shares its contents with the map it was made from: a base that is never copied on a change
 * and a small overlay of the entries changed since (a removed key maps to a marker). Making the next version costs a
 * copy of the overlay; when the overlay grows past about the square root of the size, the next version folds it into
 * a new base. So a change to a map of n entries costs about sqrt(n) on average instead of n, and a lookup costs two
 * hash lookups. Neither map is changed once a {@code LayeredMap} holds it, so versions can be read from any thread.
 *
 * <pre>{@code
 * LayeredMap<String, Route> next = held.with(Map.of("rte1", route));   // held is unchanged
 * }</pre>
 */
final class LayeredMap<K, V> extends AbstractMap<K, V> {
    private static final Object REMOVED = new Object();
    private static final LayeredMap<?, ?> EMPTY = new LayeredMap<>(Map.of(), Map.of(), 0);

    private final Map<K, V> base;
    private final Map<K, Object> overlay;
    private final int size;

    private LayeredMap(Map<K, V> base, Map<K, Object> overlay, int size) {
        this.base = base;
        this.overlay = overlay;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    static <K, V> LayeredMap<K, V> empty() {
        return (LayeredMap<K, V>) EMPTY;
    }

    /** This map with the edits applied: a key mapped to {@code null} is removed. */
    LayeredMap<K, V> with(Map<K, V> edits) {
        if (edits.isEmpty()) {
            return this;
        }
        Map<K, Object> next = new HashMap<>(overlay);
        int nextSize = size;
        for (Map.Entry<K, V> edit : edits.entrySet()) {
            boolean had = containsKey(edit.getKey());
            next.put(edit.getKey(), edit.getValue() == null ? REMOVED : edit.getValue());
            nextSize += (edit.getValue() == null ? 0 : 1) - (had ? 1 : 0);
        }
        if (next.size() <= 32 + Math.sqrt(2.0 * nextSize)) {
            return new LayeredMap<>(base, next, nextSize);
        }
        Map<K, V> folded = new HashMap<>(base);
        next.forEach((key, value) -> {
            if (value == REMOVED) {
                folded.remove(key);
            } else {
                folded.put(key, cast(value));
            }
        });
        return new LayeredMap<>(folded, Map.of(), nextSize);
    }

    @Override
    public V get(Object key) {
        Object changed = overlay.get(key);
        if (changed != null) {
            return changed == REMOVED ? null : cast(changed);
        }
        return base.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<K, V>> iterator() {
                Stream<Entry<K, V>> unchanged = base.entrySet().stream()
                        .filter(e -> !overlay.containsKey(e.getKey()))
                        .map(e -> Map.entry(e.getKey(), e.getValue()));
                Stream<Entry<K, V>> changed = overlay.entrySet().stream()
                        .filter(e -> e.getValue() != REMOVED)
                        .map(e -> Map.entry(e.getKey(), cast(e.getValue())));
                return Stream.concat(unchanged, changed).iterator();
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public Set<K> keySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<K> iterator() {
                Iterator<Entry<K, V>> entries = entrySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return entries.hasNext();
                    }

                    @Override
                    public K next() {
                        return entries.next().getKey();
                    }
                };
            }

            @Override
            public boolean contains(Object key) {
                return containsKey(Objects.requireNonNull(key, "key"));
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private V cast(Object value) {
        return (V) value;
    }
}
