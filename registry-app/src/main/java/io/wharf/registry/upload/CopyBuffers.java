package io.wharf.registry.upload;

import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/**
 * The heap that uploads in progress copy through. Whole buffers make a push fast (one digest update and one write per
 * 256 KiB), but every upload holds two, and the request threads (200) could hold 100 MB of them at once: 200 slow
 * pushes ran the launcher's 88 MB heap out of memory, and Tomcat's poller thread died with it. So a budget
 * ({@code wharf.registry.uploads.copy-buffer-memory}) bounds the whole buffers held at once; an upload beyond it copies
 * through two small buffers, more slowly, instead of waiting behind slow clients or failing.
 */
@Component
class CopyBuffers {

    static final int WHOLE_BYTES = 256 * 1024;
    static final int SMALL_BYTES = 16 * 1024;

    private final Semaphore wholePairs;

    CopyBuffers(UploadsProperties properties) {
        this.wholePairs = new Semaphore(wholePairsWithin(properties.copyBufferMemory().toBytes()));
    }

    /** How many pairs of whole buffers {@code bytes} of heap hold; at least one, so that a push is never all small. */
    static int wholePairsWithin(long bytes) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytes / (2L * WHOLE_BYTES)));
    }

    /** Two buffers for one copy: whole ones while the budget lasts, else small ones. */
    Pair take() {
        if (wholePairs.tryAcquire()) {
            return new Pair(WHOLE_BYTES, wholePairs);
        }
        return new Pair(SMALL_BYTES, null);
    }

    /** Two buffers of one size; closing gives whole ones back to the budget. */
    static final class Pair implements AutoCloseable {

        private final byte[][] buffers;
        private final Semaphore budget;

        private Pair(int size, Semaphore budget) {
            this.buffers = new byte[][] {new byte[size], new byte[size]};
            this.budget = budget;
        }

        byte[] buffer(int index) {
            return buffers[index];
        }

        @Override
        public void close() {
            if (budget != null) {
                budget.release();
            }
        }
    }
}
