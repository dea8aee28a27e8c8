package dev.wgsim.engine.time;

/**
 * The one pending wake-up of a sans-I/O state machine (a WireGuard device, a magicsock, a control
 * server) at its next deadline: after each call into the machine, {@link #at} moves the wake-up to
 * the machine's new {@code nextTimeout()}, leaving the event loop alone when the deadline did not
 * change (the common case, once per packet). When it fires, the action runs; the action calls the
 * machine's {@code handleTimeout} and then {@link #at} again.
 */
public final class Wakeup {
    /** The deadline meaning "none". */
    public static final long NEVER = Long.MAX_VALUE;

    private final EventLoop loop;
    private final Runnable action;
    private final Runnable fire = this::fire;
    private long at = NEVER;
    private long handle = EventLoop.NO_EVENT;

    public Wakeup(EventLoop loop, Runnable action) {
        this.loop = loop;
        this.action = action;
    }

    /**
     * Wakes up at {@code deadline} (virtual nanoseconds; a past one means as soon as possible,
     * {@link #NEVER} means not at all) instead of at the pending time.
     */
    public void at(long deadline) {
        if (deadline == at) {
            return;
        }
        cancel();
        at = deadline;
        if (deadline != NEVER) {
            handle = loop.schedule(Math.max(deadline, loop.now()), fire);
        }
    }

    /** Drops the pending wake-up, if any. */
    public void cancel() {
        if (handle != EventLoop.NO_EVENT) {
            loop.cancel(handle);
            handle = EventLoop.NO_EVENT;
        }
        at = NEVER;
    }

    /** The pending deadline, or {@link #NEVER}. */
    public long deadline() {
        return at;
    }

    private void fire() {
        handle = EventLoop.NO_EVENT;
        at = NEVER;
        action.run();
    }
}
