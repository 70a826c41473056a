package dev.switchboard.server.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * Bodies between Vert.x buffers and the codecs' byte arrays without copies: finished bodies (an encoded answer, an
 * upstream request) handed to Vert.x, and upstream reads handed to a parser in place.
 */
public final class Bodies {
  private Bodies() {}

  /**
   * {@code bytes} as a buffer to send as it is: {@code Buffer.buffer(byte[])} copies the array into a new heap buffer,
   * once per request and per answer on the hot path. The array is shared, so it must not change afterwards, and the
   * buffer cannot grow (its capacity is the array's length): never append to it.
   */
  public static Buffer wrap(byte[] bytes) { return BufferInternal.buffer(Unpooled.wrappedBuffer(bytes)); }

  /**
   * The buffer's bytes as an array: its own backing array when that holds exactly the bytes (a body read into a
   * buffer sized by its Content-Length), else a copy. Only for buffers nobody writes to afterwards: the array is
   * shared with the buffer. Saves a copy of every request body ({@code getBytes()} copies).
   */
  public static byte[] array(Buffer buf) {
    ByteBuf bytes = ((BufferInternal) buf).getByteBuf();
    if (bytes.hasArray() && bytes.arrayOffset() == 0 && bytes.readerIndex() == 0
        && bytes.readableBytes() == bytes.array().length) {
      return bytes.array();
    }
    return buf.getBytes();
  }

  /** Reads a range of bytes that is only valid during the call (the reader copies what it keeps). */
  public interface RangeReader { void read(byte[] bytes, int offset, int length); }

  /** Makes a value of a range of bytes that is only valid during the call. */
  public interface RangeParser<T> { T parse(byte[] bytes, int offset, int length); }

  /**
   * Gives {@code reader} the buffer's bytes: in place when the buffer has a backing array (Vert.x's reads are heap
   * copies of the socket's buffer, one per read), else a copy. {@code getBytes()} would copy every streamed read.
   */
  public static void read(Buffer buf, RangeReader reader) {
    ByteBuf bytes = ((BufferInternal) buf).getByteBuf();
    if (bytes.hasArray()) {
      reader.read(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
    } else {
      byte[] copy = buf.getBytes();
      reader.read(copy, 0, copy.length);
    }
  }

  /** {@link #read} for a reader that returns what it made of the bytes (an upstream answer decoded in place). */
  public static <T> T parse(Buffer buf, RangeParser<T> parser) {
    ByteBuf bytes = ((BufferInternal) buf).getByteBuf();
    if (bytes.hasArray()) {
      return parser.parse(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
    }
    byte[] copy = buf.getBytes();
    return parser.parse(copy, 0, copy.length);
  }
}
