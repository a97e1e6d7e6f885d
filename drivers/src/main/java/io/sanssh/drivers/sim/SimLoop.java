package io.sanssh.drivers.sim;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link SimNetwork} on a thread of its own, so that application threads (the user API's
 * streams, a server's command handlers) can use simulated connections as they use sockets: they
 * hand work to the loop and wait for its result, as with the selector loop.
 *
 * <p>Time stays virtual: the engines see only the network's clock. It is paced to run at most
 * {@code speedup} times faster than real time, so that an application thread that is merely slow
 * (a signature, a context switch) does not see minutes of virtual time pass meanwhile; when work is
 * CPU-bound the virtual clock simply falls behind. A run with application threads is therefore not
 * reproducible from its seed the way a single-threaded simulation is; the network still is (same
 * links, same faults).
 */
public final class SimLoop implements AutoCloseable {
    private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final SimNetwork net;
    private final long speedup;
    private final Thread thread;
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private volatile boolean closing;
    private volatile Throwable failure;
    private volatile long now;

    private SimLoop(SimNetwork net, long speedup, String name) {
        this.net = net;
        this.speedup = speedup;
        this.now = net.now();
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /**
     * Starts a loop thread for {@code net}; from now on only the loop thread may touch the network.
     *
     * @param speedup how many virtual nanoseconds may pass per real nanosecond (at least 1)
     */
    public static SimLoop start(SimNetwork net, long speedup) {
        if (speedup < 1) {
            throw new IllegalArgumentException("speedup below 1: " + speedup);
        }
        SimLoop loop = new SimLoop(net, speedup, "sanssh-sim-" + net.seed());
        loop.thread.start();
        return loop;
    }

    /** The network; touch it only from the loop thread (tasks, application callbacks). */
    public SimNetwork network() {
        return net;
    }

    /** Runs {@code task} on the loop thread (at once if called there). */
    public void execute(Runnable task) {
        if (inLoop()) {
            task.run();
        } else {
            tasks.add(task);
        }
    }

    /** Whether the caller is the loop thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** The virtual time, as of the loop's latest step; any thread. */
    public long now() {
        return now;
    }

    /**
     * The {@link SimulationFailure} (an engine or invariant failure, naming the seed) that stopped
     * the network, or {@code null}. After one, tasks still run but virtual time stands still.
     */
    public Throwable failure() {
        return failure;
    }

    /** Stops the thread (bounded: five seconds) without closing the connections. */
    @Override
    public void close() {
        closing = true;
        tasks.add(() -> { });
        if (!inLoop()) {
            terminated.orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> null).join();
        }
    }

    private void run() {
        long realStart = System.nanoTime();
        long virtualStart = net.now();
        try {
            while (!closing) {
                for (Runnable r; (r = tasks.poll()) != null;) {
                    runTask(r);
                }
                if (failure == null) {
                    step(virtualStart + (System.nanoTime() - realStart) * speedup);
                }
                Runnable r = tasks.poll(waitNanos(), TimeUnit.NANOSECONDS);
                if (r != null) {
                    runTask(r);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            terminated.complete(null);
        }
    }

    /** Runs everything due up to {@code target} (everything due now if the clock is ahead of it). */
    private void step(long target) {
        try {
            net.runFor(Math.max(0, target - net.now()));
        } catch (SimulationFailure f) {
            failure = f;
        }
        now = net.now();
    }

    private long waitNanos() {
        if (failure != null || net.queue().isEmpty()) {
            return MAX_WAIT_NANOS;
        }
        long virtual = net.queue().nextTime() - net.now();
        return Math.max(0, Math.min(MAX_WAIT_NANOS, virtual / speedup));
    }

    private void runTask(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | Error e) {
            // the task's own future carries its failure; the loop goes on
        }
    }
}
