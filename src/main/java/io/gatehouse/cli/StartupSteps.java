package io.gatehouse.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up steps that do not depend on each other, run on two threads of their own while the caller goes on with
 * its own steps: most of a node's start is the JVM loading classes and native libraries, which two cores do side
 * by side. A step's result that is a resource is closed here unless the caller {@linkplain #take took} it, so a
 * start that fails half-way leaves no event loop or thread behind.
 */
final class StartupSteps implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StartupSteps.class);
    private static final int THREADS = 2;

    private final ExecutorService executor;
    private final List<CompletableFuture<?>> untaken = new ArrayList<>();

    StartupSteps() {
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "gatehouse-start-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts {@code step} on a start-up thread. */
    <T> CompletableFuture<T> run(Supplier<T> step) {
        return track(CompletableFuture.supplyAsync(step, executor));
    }

    /** Starts {@code step} on a start-up thread once {@code input} is done. */
    <I, T> CompletableFuture<T> then(CompletableFuture<I> input, Function<I, T> step) {
        return track(input.thenApplyAsync(step, executor));
    }

    /** Waits for a step and returns its result, or throws what the step threw. */
    <T> T take(CompletableFuture<T> step) {
        try {
            T result = step.join();
            synchronized (untaken) {
                untaken.remove(step);
            }
            return result;
        } catch (CompletionException e) {
            throw unwrap(e);
        }
    }

    /** Waits for the steps nobody took (a start that failed) and closes their results, then stops the threads. */
    @Override
    public void close() {
        List<CompletableFuture<?>> left;
        synchronized (untaken) {
            left = List.copyOf(untaken);
            untaken.clear();
        }
        for (CompletableFuture<?> step : left) {
            Object result = step.handle((value, failure) -> value).join();
            if (result instanceof AutoCloseable resource) {
                try {
                    resource.close();
                } catch (Exception e) {
                    log.warn("Closing {} failed: {}", resource.getClass().getSimpleName(), e.getClass().getName());
                }
            }
        }
        executor.shutdown();
    }

    private <T> CompletableFuture<T> track(CompletableFuture<T> step) {
        synchronized (untaken) {
            untaken.add(step);
        }
        return step;
    }

    private static RuntimeException unwrap(CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return e;
    }
}
