package io.gatehouse.inbound;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Turns the buffer leaks Netty's detector reports (the tests run it at paranoid) into something a test can assert:
 * it listens on the detector of every {@link ByteBuf}, and {@link #leaksAfterCollection()} provokes the detector's
 * report by collecting garbage and allocating. A leak found is certain; none found is as good as the detector is.
 */
final class LeakWatch {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    static {
        try {
            Class<?> buffers = Class.forName("io.netty.buffer.AbstractByteBuf");
            Field field = buffers.getDeclaredField("leakDetector");
            field.setAccessible(true);
            ((ResourceLeakDetector<?>) field.get(null)).setLeakListener((type, records) -> LEAKS.add(type));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Netty's buffer leak detector moved; update LeakWatch", e);
        }
    }

    private LeakWatch() {
    }

    /** Starts listening, and forgets leaks reported so far (they belong to earlier tests). */
    static void reset() {
        LEAKS.clear();
    }

    /** The leaks reported once unreachable buffers have been collected. */
    static List<String> leaksAfterCollection() throws InterruptedException {
        for (int round = 0; round < 5; round++) {
            System.gc();
            Thread.sleep(50);
            for (int i = 0; i < 200; i++) {
                ByteBuf probe = ByteBufAllocator.DEFAULT.directBuffer(16);
                probe.release();
            }
        }
        return List.copyOf(LEAKS);
    }
}
