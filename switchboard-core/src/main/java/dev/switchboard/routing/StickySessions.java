package dev.switchboard.routing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Session key -> the candidate that last served it, so a conversation keeps its provider (and its prompt cache)
 * while that provider is healthy. Bounded: the least recently used sessions are forgotten first.
 */
public final class StickySessions {
  private final int capacity;
  private final LinkedHashMap<String, String> map;

  public StickySessions(int capacity) {
    this.capacity = capacity;
    this.map = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
      @Override protected boolean removeEldestEntry(Map.Entry<String, String> eldest) { return size() > StickySessions.this.capacity; }
    };
  }

  /** The qualified id that last served {@code session}, or null. */
  public String get(String session) {
    if (capacity == 0 || session == null) return null;
    synchronized (map) {
      return map.get(session);
    }
  }

  public void remember(String session, String qualifiedId) {
    if (capacity == 0 || session == null) return;
    synchronized (map) {
      map.put(session, qualifiedId);
    }
  }

  public int size() {
    synchronized (map) {
      return map.size();
    }
  }
}
