package dev.switchboard.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON written through a generator into an exact-size byte array: the codecs' one way to serialize a body, a chunk or
 * an event without building a tree. On platform threads (the event loops) the generator writes into a per-thread
 * scratch buffer that is reused, so a request's answer costs one array of its own size instead of a buffer sized by
 * guess plus the copy that trims it (~2 KB of each non-streaming request's ~30 KB of garbage, docs/benchmarks.md).
 */
public final class JsonBytes {
  /** What writes the JSON (one root value, or several for a frame). */
  public interface Writer { void write(JsonGenerator g) throws IOException; }

  private static final byte[] NONE = new byte[0];
  /** A scratch buffer that grew past this is dropped after use: one huge body must not pin its size per thread. */
  static final int KEEP_AT_MOST = 64 * 1024;
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private JsonBytes() {}

  public static byte[] write(JsonFactory factory, int sizeHint, Writer writer) {
    return write(factory, NONE, sizeHint, writer, NONE);
  }

  /** {@code prefix}, what the writer writes, then {@code suffix}, in one array (SSE frames around a JSON event). */
  public static byte[] write(JsonFactory factory, byte[] prefix, int sizeHint, Writer writer, byte[] suffix) {
    // Virtual threads come and go: a thread-local buffer would be allocated per thread and used once.
    Scratch scratch = Thread.currentThread().isVirtual() ? null : SCRATCH.get();
    if (scratch == null || scratch.inUse) {
      // Nested inside another write on this thread (or on a virtual thread): a buffer of its own.
      return writeInto(new ByteArrayOutputStream(prefix.length + sizeHint + suffix.length), factory, prefix, writer,
          suffix);
    }
    scratch.inUse = true;
    try {
      return writeInto(scratch, factory, prefix, writer, suffix);
    } finally {
      scratch.inUse = false;
      if (scratch.capacity() > KEEP_AT_MOST) SCRATCH.remove();
      else scratch.reset();
    }
  }

  private static byte[] writeInto(ByteArrayOutputStream out, JsonFactory factory, byte[] prefix, Writer writer,
                                  byte[] suffix) {
    out.writeBytes(prefix);
    try (JsonGenerator g = factory.createGenerator(out)) {
      writer.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.writeBytes(suffix);
    return out.toByteArray();
  }

  private static final class Scratch extends ByteArrayOutputStream {
    boolean inUse;

    Scratch() { super(1024); }

    int capacity() { return buf.length; }
  }
}
