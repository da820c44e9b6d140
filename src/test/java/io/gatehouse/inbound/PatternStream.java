package io.gatehouse.inbound;

import java.io.InputStream;

/** The bytes of {@link io.gatehouse.testing.PatternBody} as a stream made on the fly: byte {@code i} is i % 251. */
final class PatternStream extends InputStream {
    private final long length;
    private long offset;

    PatternStream(long length) {
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
