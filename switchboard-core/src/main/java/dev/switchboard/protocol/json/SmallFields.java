package dev.switchboard.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The fields of a JSON object in a tree, in insertion order (what {@link com.fasterxml.jackson.databind.node.ObjectNode}
 * needs): two parallel arrays while the object is small, a {@link LinkedHashMap} once it has more than
 * {@link #SMALL} fields, so that a hostile object with thousands of fields is not searched linearly.
 *
 * <p>Why: request bodies are mostly small objects (a message: role, content; a tool call: id, type, function). In a
 * LinkedHashMap each costs the map, a 16-slot table and one entry per field, ~250 bytes for three fields; decoding a
 * 19 KB agent request allocated 112 KB, 44% of it in those maps (docs/benchmarks.md). Here the same object is an
 * array pair of a few slots.
 */
final class SmallFields extends AbstractMap<String, JsonNode> {
  static final int SMALL = 8;

  private String[] keys;
  private JsonNode[] values;
  private int size;
  /** Set once the object outgrew {@link #SMALL}; from then on every operation goes to it. */
  private LinkedHashMap<String, JsonNode> big;
  /** Structural changes, for fail-fast iteration as in the JDK's maps. */
  private int modCount;

  SmallFields() {
    keys = new String[4];
    values = new JsonNode[4];
  }

  @Override public int size() { return big != null ? big.size() : size; }

  @Override public boolean isEmpty() { return size() == 0; }

  private int indexOf(Object key) {
    for (int i = 0; i < size; i++) {
      // Field names from Jackson's parser are interned: the identity check usually decides.
      if (keys[i] == key) return i;
    }
    if (key != null) {
      for (int i = 0; i < size; i++) {
        if (key.equals(keys[i])) return i;
      }
    }
    return -1;
  }

  @Override public boolean containsKey(Object key) {
    return big != null ? big.containsKey(key) : indexOf(key) >= 0;
  }

  @Override public JsonNode get(Object key) {
    if (big != null) return big.get(key);
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  @Override public JsonNode put(String key, JsonNode value) {
    if (big != null) return big.put(key, value);
    int i = indexOf(key);
    if (i >= 0) {
      JsonNode old = values[i];
      values[i] = value;
      return old;
    }
    if (size == SMALL) {
      big = new LinkedHashMap<>(SMALL * 4);
      for (int j = 0; j < size; j++) big.put(keys[j], values[j]);
      keys = null;
      values = null;
      size = 0;
      modCount++;
      return big.put(key, value);
    }
    if (size == keys.length) {
      int grown = Math.min(SMALL, size * 2);
      keys = java.util.Arrays.copyOf(keys, grown);
      values = java.util.Arrays.copyOf(values, grown);
    }
    keys[size] = key;
    values[size] = value;
    size++;
    modCount++;
    return null;
  }

  @Override public JsonNode remove(Object key) {
    if (big != null) return big.remove(key);
    int i = indexOf(key);
    if (i < 0) return null;
    JsonNode old = values[i];
    removeAt(i);
    return old;
  }

  private void removeAt(int i) {
    int tail = size - i - 1;
    if (tail > 0) {
      System.arraycopy(keys, i + 1, keys, i, tail);
      System.arraycopy(values, i + 1, values, i, tail);
    }
    size--;
    keys[size] = null;
    values[size] = null;
    modCount++;
  }

  @Override public void clear() {
    if (big != null) {
      big.clear();
      return;
    }
    for (int i = 0; i < size; i++) {
      keys[i] = null;
      values[i] = null;
    }
    size = 0;
    modCount++;
  }

  @Override public Set<Map.Entry<String, JsonNode>> entrySet() {
    if (big != null) return big.entrySet();
    return new AbstractSet<>() {
      @Override public int size() { return SmallFields.this.size(); }

      @Override public Iterator<Map.Entry<String, JsonNode>> iterator() {
        if (big != null) return big.entrySet().iterator();
        return new Entries();
      }
    };
  }

  /** Iterates the small form; {@link Iterator#remove} and {@link Map.Entry#setValue} write through. */
  private final class Entries implements Iterator<Map.Entry<String, JsonNode>> {
    private int next;
    private int last = -1;
    private int expected = modCount;

    @Override public boolean hasNext() { return next < size; }

    @Override public Map.Entry<String, JsonNode> next() {
      if (expected != modCount || big != null) throw new ConcurrentModificationException();
      if (next >= size) throw new NoSuchElementException();
      last = next++;
      // A snapshot, as Map.Entry allows once the map changes; setValue writes through while the key is there.
      return new SimpleEntry<>(keys[last], values[last]) {
        @Override public JsonNode setValue(JsonNode value) {
          JsonNode old = super.setValue(value);
          if (containsKey(getKey())) put(getKey(), value); // replacing a value is not a structural change
          return old;
        }
      };
    }

    @Override public void remove() {
      if (last < 0) throw new IllegalStateException();
      if (expected != modCount || big != null) throw new ConcurrentModificationException();
      removeAt(last);
      next = last;
      last = -1;
      expected = modCount;
    }
  }
}
