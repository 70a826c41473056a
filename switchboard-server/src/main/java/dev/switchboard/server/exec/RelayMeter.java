package dev.switchboard.server.exec;

import io.vertx.core.buffer.Buffer;

/**
 * Watches one relayed (streamed, not buffered) answer for what it is billed for: sees every chunk as it goes to the
 * client, and is asked once, when the answer ended or broke, what it saw. Runs on the request's event loop only.
 */
public interface RelayMeter {
  RelayMeter NONE = new RelayMeter() {
    @Override public void chunk(Buffer buf) {}

    @Override public Metered end() { return Metered.NONE; }
  };

  void chunk(Buffer buf);

  Metered end();
}
