package io.sparknn.ml.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chunking a partition's blocks under a memory budget. */
class BlockChunksTest {
    private static RowBlock block(int rows) {
        return new RowBlock(new float[rows * 2], new float[rows], new long[rows], rows, 2, false);
    }

    @Test
    void aPartitionWithinTheBudgetIsOneChunk() {
        BlockChunks chunks = new BlockChunks(List.of(block(10), block(10)).iterator(), 1 << 20);
        assertEquals(2, chunks.next().size());
        assertFalse(chunks.hasNext());
    }

    @Test
    void aBiggerPartitionStreamsInChunksThatKeepEveryBlockOnce() {
        List<RowBlock> blocks = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            blocks.add(block(10)); // 120 bytes each
        }
        BlockChunks chunks = new BlockChunks(blocks.iterator(), 250);
        List<Integer> sizes = new ArrayList<>();
        chunks.forEachRemaining(c -> sizes.add(c.size()));
        assertEquals(List.of(2, 2, 2, 1), sizes);
        // A block larger than the budget still forms a chunk of its own.
        BlockChunks big = new BlockChunks(List.of(block(100), block(1)).iterator(), 50);
        assertEquals(1, big.next().size());
        assertEquals(1, big.next().size());
    }
}
