package io.gatehouse.config;

import static java.util.Objects.requireNonNull;

import io.gatehouse.store.GatehouseStore;
import io.gatehouse.store.StoreChanges;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the configuration snapshot the proxies serve and replaces it whole.
 *
 * <p>Readers call {@link #current()} once per request and use that snapshot throughout, so a request never mixes two
 * versions. Writers (the admin API after each change, and in a cluster the change listener) call {@link #refresh()},
 * which reads what changed in the store and swaps the reference; refreshes are serialized so that versions only
 * move forward. The listeners run on the refreshing thread after the swap, which is how the upstream pool drains
 * connections of deleted certificates before the admin API answers.
 */
public final class LiveConfig {
    private static final Logger log = LoggerFactory.getLogger(LiveConfig.class);

    private final GatehouseStore store;
    private final List<Consumer<ConfigSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private volatile ConfigSnapshot current = ConfigSnapshot.empty();
    // Guarded by this: the store went back to an older version, so the next newer one is read whole.
    private boolean rebuildNext;

    public LiveConfig(GatehouseStore store) {
        this.store = requireNonNull(store, "store");
    }

    public ConfigSnapshot current() {
        return current;
    }

    /** Called with every new snapshot, after it is in place. */
    public void onChange(Consumer<ConfigSnapshot> listener) {
        listeners.add(requireNonNull(listener, "listener"));
    }

    /**
     * Reads what changed in the store since the version served and applies it if the store is newer. When the store
     * cannot be read, this throws and the snapshot served stays as it was: a node whose database is away keeps
     * proxying.
     *
     * <p>A change costs what it touched, not the size of the store: only the rows changed after the version served
     * are read ({@link GatehouseStore#changesSince}) and applied to a copy of the snapshot. The whole store is read
     * the first time, when the store cannot tell the changes apart, and after the store was seen at an older
     * version than the one served (a restored backup: its later versions are another history).
     */
    public synchronized ConfigSnapshot refresh() {
        long held = current.version();
        // Since version 0 the store answers with all of itself; after a step back it is asked for all of itself.
        StoreChanges changes = rebuildNext ? StoreChanges.whole(held, store.snapshot()) : store.changesSince(held);
        if (changes.version() < held) {
            rebuildNext = true;
        }
        if (changes.version() <= held && held != 0) {
            return current;
        }
        ConfigSnapshot next = current.next(changes);
        current = next;
        rebuildNext = false;
        log.info("Configuration version {} applied", next.version());
        for (Consumer<ConfigSnapshot> listener : listeners) {
            tell(listener, next);
        }
        return next;
    }

    private static void tell(Consumer<ConfigSnapshot> listener, ConfigSnapshot snapshot) {
        try {
            listener.accept(snapshot);
        } catch (RuntimeException e) {
            // The snapshot is in place either way; one failing listener must not keep the others from hearing it.
            log.warn("A configuration listener failed on version {}: {}", snapshot.version(),
                    e.getClass().getName(), e);
        }
    }
}
