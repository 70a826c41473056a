package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Each step of the gateway's shutdown is bounded: one that never completes (a Vert.x close that hung once kept a
 * SIGTERMed gateway alive, its request log undrained) or fails is logged and shutdown goes on to drain the log.
 */
class ShutdownStepTest {

  @Test
  void a_step_that_never_completes_gives_up_after_its_limit() {
    long t0 = System.nanoTime();
    boolean done = Gateway.awaitStep(Promise.promise().future(), Duration.ofMillis(200), "a hanging step");
    long tookMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(done).isFalse();
    assertThat(tookMs).isGreaterThanOrEqualTo(200).isLessThan(5_000);
  }

  @Test
  void a_failed_step_does_not_abort_the_shutdown() {
    assertThat(Gateway.awaitStep(Future.failedFuture(new IllegalStateException("boom")), Duration.ofSeconds(1),
        "a failing step")).isFalse();
  }

  @Test
  void a_completed_step_is_done() {
    assertThat(Gateway.awaitStep(Future.succeededFuture(), Duration.ofSeconds(1), "a quick step")).isTrue();
  }
}
