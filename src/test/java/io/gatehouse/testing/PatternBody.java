package io.gatehouse.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.stream.ChunkedInput;
import java.util.zip.CRC32;

/**
 * The deterministic body {@link MtlsUpstream} streams for {@code /download}: byte {@code i} is {@code i % 251}. Made
 * in 64 KiB chunks as the channel drains, so any length streams with flat memory.
 */
public final class PatternBody implements ChunkedInput<ByteBuf> {
    private static final int CHUNK = 64 * 1024;

    private final long length;
    private long offset;

    public PatternBody(long length) {
        this.length = length;
    }

    /** The CRC32 of a pattern body of {@code length} bytes, as the fixture reports checksums. */
    public static long crc32(long length) {
        CRC32 crc = new CRC32();
        byte[] chunk = new byte[CHUNK];
        for (long at = 0; at < length; at += chunk.length) {
            int size = (int) Math.min(chunk.length, length - at);
            fill(chunk, at, size);
            crc.update(chunk, 0, size);
        }
        return crc.getValue();
    }

    private static void fill(byte[] chunk, long at, int size) {
        for (int i = 0; i < size; i++) {
            chunk[i] = (byte) ((at + i) % 251);
        }
    }

    @Override
    public boolean isEndOfInput() {
        return offset >= length;
    }

    @Override
    public void close() {
        offset = length;
    }

    @Override
    @Deprecated
    public ByteBuf readChunk(io.netty.channel.ChannelHandlerContext ctx) {
        return readChunk(ctx.alloc());
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) {
        if (isEndOfInput()) {
            return null;
        }
        int size = (int) Math.min(CHUNK, length - offset);
        byte[] bytes = new byte[size];
        fill(bytes, offset, size);
        offset += size;
        ByteBuf buffer = allocator.buffer(size);
        return buffer.writeBytes(bytes);
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public long progress() {
        return offset;
    }
}
