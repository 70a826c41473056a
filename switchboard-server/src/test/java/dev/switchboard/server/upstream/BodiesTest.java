package dev.switchboard.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodiesTest {
  @Test
  void a_wrapped_body_shares_the_array_and_survives_being_sent_more_than_once() {
    byte[] json = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
    Buffer body = Bodies.wrap(json);
    assertThat(body.length()).isEqualTo(json.length);
    ByteBuf first = ((BufferInternal) body).getByteBuf();
    assertThat(first.array()).isSameAs(json); // no copy
    // Netty releases what it wrote; a second send (a retry's) must still find the bytes.
    first.release();
    ByteBuf second = ((BufferInternal) body).getByteBuf();
    assertThat(second.toString(StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
    assertThat(body.toString(StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
  }

  @Test
  void reads_in_place_when_the_buffer_has_an_array_and_from_a_copy_when_it_has_not() {
    byte[] read = "xx{\"a\":1}yy".getBytes(StandardCharsets.UTF_8);
    Buffer heap = BufferInternal.buffer(io.netty.buffer.Unpooled.wrappedBuffer(read, 2, 7));
    String parsed = Bodies.parse(heap, (bytes, offset, length) -> {
      assertThat(bytes).isSameAs(read);
      return new String(bytes, offset, length, StandardCharsets.UTF_8);
    });
    assertThat(parsed).isEqualTo("{\"a\":1}");

    io.netty.buffer.ByteBuf direct = io.netty.buffer.Unpooled.directBuffer(16).writeBytes(read, 2, 7);
    StringBuilder seen = new StringBuilder();
    Bodies.read(BufferInternal.buffer(direct),
        (bytes, offset, length) -> seen.append(new String(bytes, offset, length, StandardCharsets.UTF_8)));
    assertThat(seen).hasToString("{\"a\":1}");
    direct.release();
  }

  @Test
  void a_body_that_fills_its_buffer_is_handed_over_without_a_copy_and_any_other_is_copied() {
    byte[] json = "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);
    Buffer exact = Buffer.buffer(json.length); // as BodyReader sizes it by Content-Length
    exact.appendBytes(json, 0, 5).appendBytes(json, 5, json.length - 5);
    byte[] shared = Bodies.array(exact);
    assertThat(shared).isEqualTo(json).isSameAs(((BufferInternal) exact).getByteBuf().array());

    Buffer roomy = Buffer.buffer(64).appendBytes(json); // no Content-Length, or a wrong one
    byte[] copied = Bodies.array(roomy);
    assertThat(copied).isEqualTo(json).isNotSameAs(((BufferInternal) roomy).getByteBuf().array());

    Buffer offset = BufferInternal.buffer(io.netty.buffer.Unpooled.wrappedBuffer(("x" + new String(json,
        StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8), 1, json.length));
    assertThat(Bodies.array(offset)).isEqualTo(json);
  }
}
