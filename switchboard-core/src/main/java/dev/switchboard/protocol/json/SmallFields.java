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
 * needs): one array of names and values while the object is small, a {@link LinkedHashMap} once it has more than
 * {@link #SMALL} fields, so that a hostile object with thousands of fields is not searched linearly.
 *
 * <p>Why: request bodies are mostly small objects (a message: role, content; a tool call: id, type, function). In a
 * LinkedHashMap each costs the map, a 16-slot table and one entry per field, ~250 bytes for three fields; decoding a
 * 19 KB agent request allocated 112 KB, 44% of it in those maps (docs/benchmarks.md). Here the same object is one
 * array of names and values side by side, made at the first field.
 */
final class SmallFields extends AbstractMap<String, JsonNode> {
  static final int SMALL = 8;
  private static final Object[] NONE = {};

  /** Name, value, name, value...: field i's name at 2i, its value at 2i + 1. */
  private Object[] slots = NONE;
  private int size;
  /** Set once the object outgrew {@link #SMALL}; from then on every operation goes to it. */
  private LinkedHashMap<String, JsonNode> big;
  /** Structural changes, for fail-fast iteration as in the JDK's maps. */
  private int modCount;

  @Override public int size() { return big != null ? big.size() : size; }

  @Override public boolean isEmpty() { return size() == 0; }

  private String key(int i) { return (String) slots[2 * i]; }

  private JsonNode value(int i) { return (JsonNode) slots[2 * i + 1]; }

  private int indexOf(Object key) {
    // Field names from Jackson's parser are interned, as are the literals codecs look up: identity usually decides,
    // and a String's cached hash rejects the other names without comparing them.
    int hash = key == null ? 0 : key.hashCode();
    for (int i = 0; i < size; i++) {
      Object k = slots[2 * i];
      if (k == key || (key != null && k != null && k.hashCode() == hash && k.equals(key))) return i;
    }
    return -1;
  }

  @Override public boolean containsKey(Object key) {
    return big != null ? big.containsKey(key) : indexOf(key) >= 0;
  }

  @Override public JsonNode get(Object key) {
    if (big != null) return big.get(key);
    int i = indexOf(key);
    return i < 0 ? null : value(i);
  }

  @Override public JsonNode put(String key, JsonNode value) {
    if (big != null) return big.put(key, value);
    int i = indexOf(key);
    if (i >= 0) {
      JsonNode old = value(i);
      slots[2 * i + 1] = value;
      return old;
    }
    if (size == SMALL) {
      big = new LinkedHashMap<>(SMALL * 4);
      for (int j = 0; j < size; j++) big.put(key(j), value(j));
      slots = NONE;
      size = 0;
      modCount++;
      return big.put(key, value);
    }
    if (2 * size == slots.length) {
      // Most objects of a request have 1-4 fields (a message, a tool call, a schema property).
      slots = size == 0 ? new Object[8] : java.util.Arrays.copyOf(slots, 2 * SMALL);
    }
    slots[2 * size] = key;
    slots[2 * size + 1] = value;
    size++;
    modCount++;
    return null;
  }

  @Override public JsonNode remove(Object key) {
    if (big != null) return big.remove(key);
    int i = indexOf(key);
    if (i < 0) return null;
    JsonNode old = value(i);
    removeAt(i);
    return old;
  }

  private void removeAt(int i) {
    int tail = size - i - 1;
    if (tail > 0) System.arraycopy(slots, 2 * i + 2, slots, 2 * i, 2 * tail);
    size--;
    slots[2 * size] = null;
    slots[2 * size + 1] = null;
    modCount++;
  }

  @Override public void clear() {
    if (big != null) {
      big.clear();
      return;
    }
    java.util.Arrays.fill(slots, 0, 2 * size, null);
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
      return new SimpleEntry<>(key(last), value(last)) {
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
