package dev.switchboard.server.warmup;

import dev.switchboard.config.DatabaseSettings;
import dev.switchboard.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The warm-up's request-log store, deleted afterwards. An H2 file like the embedded default, so that H2's file-store
 * code is compiled too (an in-memory database skips it and left ~500 H2 methods to compile under the first real
 * load), with the embedded default's options; in memory when the gateway's store is PostgreSQL, whose driver the
 * warm-up must not point at the real data.
 */
record ThrowawayStore(Database database, Path dir) implements AutoCloseable {
  static ThrowawayStore open(boolean gatewayUsesPostgres) throws IOException {
    if (gatewayUsesPostgres) {
      String url = "jdbc:h2:mem:switchboard-warmup-" + System.nanoTime() + DatabaseSettings.H2_OPTIONS;
      return new ThrowawayStore(Database.open(new DatabaseSettings(url, "sa", "", 2)), null);
    }
    Path dir = Files.createTempDirectory("switchboard-warmup");
    try {
      String url = "jdbc:h2:file:" + dir.resolve("log") + DatabaseSettings.H2_OPTIONS;
      return new ThrowawayStore(Database.open(new DatabaseSettings(url, "sa", "", 2)), dir);
    } catch (RuntimeException e) {
      delete(dir);
      throw e;
    }
  }

  @Override public void close() {
    database.close();
    if (dir != null) delete(dir);
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
