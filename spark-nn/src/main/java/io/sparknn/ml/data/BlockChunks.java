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
    private final Iterator<RowBlock> blocks;
    private final long maxBytes;
    private RowBlock pending;

    public BlockChunks(Iterator<RowBlock> blocks, long maxBytes) {
        this.blocks = blocks;
        this.maxBytes = maxBytes;
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
            long size = 4L * block.features().length + 4L * block.labels().length;
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
