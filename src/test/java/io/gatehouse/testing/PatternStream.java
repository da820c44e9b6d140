package io.gatehouse.testing;

import java.io.InputStream;

/**
 * The bytes of {@link PatternBody} as a stream made as it is read (byte {@code i} is {@code i % 251}), for request
 * bodies of any size that are never held whole.
 */
public final class PatternStream extends InputStream {
    private final long length;
    private long offset;

    public PatternStream(long length) {
        this.length = length;
    }

    @Override
    public int read() {
        return offset < length ? (int) (offset++ % 251) : -1;
    }

    @Override
    public int read(byte[] buffer, int from, int count) {
        if (offset >= length) {
            return -1;
        }
        int size = (int) Math.min(count, length - offset);
        for (int i = 0; i < size; i++) {
            buffer[from + i] = (byte) ((offset + i) % 251);
        }
        offset += size;
        return size;
    }
}
