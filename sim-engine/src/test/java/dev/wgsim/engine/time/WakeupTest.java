package dev.wgsim.engine.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One wake-up per state machine, moved to its next deadline; never two pending, never a stale one. */
class WakeupTest {
    private final EventLoop loop = new EventLoop();
    private final List<Long> fired = new ArrayList<>();
    private final Wakeup wakeup = new Wakeup(loop, () -> fired.add(loop.now()));

    @Test
    void firesOnceAtTheLatestDeadline() {
        wakeup.at(500);
        wakeup.at(500); // unchanged: the pending event stays
        assertEquals(1, loop.pendingCount());
        wakeup.at(300); // moved earlier
        wakeup.at(700); // and later
        assertEquals(1, loop.pendingCount(), "a move replaces the pending event");
        assertEquals(700, wakeup.deadline());
        loop.run();
        assertEquals(List.of(700L), fired);
        assertEquals(Wakeup.NEVER, wakeup.deadline(), "nothing pending after it fired");
    }

    @Test
    void neverAndCancelLeaveNothingPending() {
        wakeup.at(100);
        wakeup.at(Wakeup.NEVER);
        assertEquals(0, loop.pendingCount());
        wakeup.at(200);
        wakeup.cancel();
        assertEquals(0, loop.pendingCount());
        loop.run();
        assertEquals(List.of(), fired);
    }

    @Test
    void aPastDeadlineFiresNowAndTheActionMayRearm() {
        Wakeup[] self = new Wakeup[1];
        self[0] = new Wakeup(loop, () -> {
            fired.add(loop.now());
            if (fired.size() < 3) {
                self[0].at(loop.now() + 10); // as a machine's handleTimeout, then its next deadline
            }
        });
        loop.schedule(50, () -> self[0].at(20)); // a deadline already past when set
        loop.run();
        assertEquals(List.of(50L, 60L, 70L), fired);
        assertEquals(0, loop.pendingCount());
    }
}
