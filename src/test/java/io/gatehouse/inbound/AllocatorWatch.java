package io.gatehouse.inbound;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples how much memory Netty's default allocator holds (heap and direct), every 20 ms, and keeps the peak: a
 * proxy that streams a large body holds a few buffers' worth, one that gathers it holds the body.
 */
final class AllocatorWatch implements AutoCloseable {
    private final ByteBufAllocatorMetric metric = ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric();
    private final AtomicLong peak = new AtomicLong();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

    AllocatorWatch() {
        sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(used(), Math::max), 0, 20, TimeUnit.MILLISECONDS);
    }

    long used() {
        return metric.usedHeapMemory() + metric.usedDirectMemory();
    }

    long peak() {
        return Math.max(peak.get(), used());
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
