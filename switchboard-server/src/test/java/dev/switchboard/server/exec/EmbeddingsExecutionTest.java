package dev.switchboard.server.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.model.Embeddings;
import dev.switchboard.model.Usage;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EmbeddingsExecutionTest {

  @Test
  void inputs_beyond_the_batch_size_are_cut_into_consecutive_requests_in_order() {
    List<String> inputs = IntStream.range(0, 250).mapToObj(i -> "t" + i).toList();
    Embeddings.Request r = new Embeddings.Request("e", inputs, 768, "float", "u1");
    List<Embeddings.Request> batches = EmbeddingsExecution.batches(r, 100);
    assertThat(batches).extracting(b -> b.input().size()).containsExactly(100, 100, 50);
    assertThat(batches).allSatisfy(b -> {
      assertThat(b.dimensions()).isEqualTo(768);
      assertThat(b.user()).isEqualTo("u1");
    });
    assertThat(batches.stream().flatMap(b -> b.input().stream()).toList()).isEqualTo(inputs);
    assertThat(EmbeddingsExecution.batches(r, Integer.MAX_VALUE)).containsExactly(r);
    assertThat(EmbeddingsExecution.batches(r, 250)).containsExactly(r);
  }

  @Test
  void usage_of_the_calls_adds_up_and_a_count_no_call_reported_stays_unreported() {
    Usage a = new Usage(300L, 0L, null, null, null, null);
    Usage b = new Usage(3L, null, null, null, null, null);
    assertThat(EmbeddingsExecution.plus(a, b)).isEqualTo(new Usage(303L, 0L, null, null, null, null));
    assertThat(EmbeddingsExecution.plus(null, b)).isSameAs(b);
    assertThat(EmbeddingsExecution.plus(a, null)).isSameAs(a);
  }
}
