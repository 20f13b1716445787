package io.sparknn.ml.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Groups a partition's cached blocks into chunks of at most {@code maxBytes} of features, read
 * lazily: a partition that fits comes back as one chunk (shuffled as a whole); a bigger one
 * streams chunk by chunk, so a partition larger than the executor heap never has to be in memory
 * at once.
 */
public final class BlockChunks implements Iterator<List<RowBlock>> {
    /** Spark conf key for the budget, in bytes (0 or unset: {@link #defaultBudget()}). */
    public static final String CHUNK_BYTES_CONF = "spark.sparknn.shuffle.chunkBytes";

    private final Iterator<RowBlock> blocks;
    private final long maxBytes;
    private RowBlock pending;

    /** @param maxBytes the most feature bytes per chunk; 0 for {@link #defaultBudget()} */
    public BlockChunks(Iterator<RowBlock> blocks, long maxBytes) {
        this.blocks = blocks;
        this.maxBytes = maxBytes > 0 ? maxBytes : defaultBudget();
    }

    /**
     * Rows a task holds at once by default: an eighth of the heap, so two concurrent tasks keep
     * within a quarter of it.
     */
    public static long defaultBudget() {
        return Runtime.getRuntime().maxMemory() / 8;
    }

    @Override
    public boolean hasNext() {
        return pending != null || blocks.hasNext();
    }

    @Override
    public List<RowBlock> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<RowBlock> chunk = new ArrayList<>();
        long bytes = 0;
        while (pending != null || blocks.hasNext()) {
            RowBlock block = pending != null ? pending : blocks.next();
            pending = null;
            long size = block.bytes();
            if (!chunk.isEmpty() && bytes + size > maxBytes) {
                pending = block;
                break;
            }
            chunk.add(block);
            bytes += size;
        }
        return chunk;
    }
}
