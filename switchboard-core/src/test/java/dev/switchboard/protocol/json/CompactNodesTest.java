package dev.switchboard.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompactNodesTest {
  private static final ObjectMapper COMPACT = CompactNodes.mapper();
  private static final ObjectMapper PLAIN = new ObjectMapper();

  @Test
  void treesReadTheSameAsJacksonsOwnAndWriteBackTheSameBytes() throws Exception {
    String json = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\","
        + "\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\","
        + "\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"integer\"},\"c\":{},\"d\":{},\"e\":{},"
        + "\"f\":{},\"g\":{},\"h\":{},\"i\":{},\"j\":{\"enum\":[1,2.5,true,null]}}}}}],\"temperature\":0.25}";
    JsonNode compact = COMPACT.readTree(json);
    JsonNode plain = PLAIN.readTree(json);

    assertThat(compact).isEqualTo(plain);
    assertThat(plain).isEqualTo(compact);
    assertThat(compact.hashCode()).isEqualTo(plain.hashCode());
    assertThat(COMPACT.writeValueAsString(compact)).isEqualTo(json);
    assertThat(compact.at("/tools/0/function/parameters/properties/j/enum/1").doubleValue()).isEqualTo(2.5);
  }

  @Test
  void keepsInsertionOrderAndReplacesInPlace() {
    ObjectNode o = COMPACT.createObjectNode();
    o.put("b", 1).put("a", 2).put("c", 3);
    o.put("a", 20);

    assertThat(fieldNames(o)).containsExactly("b", "a", "c");
    assertThat(o.get("a").intValue()).isEqualTo(20);
    assertThat(o.remove("b").intValue()).isEqualTo(1);
    assertThat(fieldNames(o)).containsExactly("a", "c");
    assertThat(o.has("b")).isFalse();
    assertThat(o.size()).isEqualTo(2);
  }

  @Test
  void anObjectWithManyFieldsMovesToAHashMapAndKeepsItsOrder() {
    ObjectNode o = COMPACT.createObjectNode();
    for (int i = 0; i < 50; i++) o.put("f" + i, i);
    o.put("f3", 300);

    assertThat(o.size()).isEqualTo(50);
    assertThat(o.get("f49").intValue()).isEqualTo(49);
    assertThat(o.get("f3").intValue()).isEqualTo(300);
    assertThat(fieldNames(o).subList(0, 4)).containsExactly("f0", "f1", "f2", "f3");
    Map<String, JsonNode> plain = new LinkedHashMap<>();
    o.properties().forEach(e -> plain.put(e.getKey(), e.getValue()));
    assertThat(plain).hasSize(50);
  }

  @Test
  void iteratorRemoveAndSetValueWriteThrough() {
    SmallFields fields = new SmallFields();
    for (String k : List.of("a", "b", "c", "d")) fields.put(k, TextNode.valueOf(k));

    Iterator<Map.Entry<String, JsonNode>> it = fields.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("b") || e.getKey().equals("d")) it.remove();
      else e.setValue(TextNode.valueOf(e.getKey().toUpperCase()));
    }

    assertThat(fields).containsExactly(Map.entry("a", TextNode.valueOf("A")), Map.entry("c", TextNode.valueOf("C")));
    assertThat(fields).isEqualTo(Map.of("a", TextNode.valueOf("A"), "c", TextNode.valueOf("C")));
  }

  @Test
  void changingTheMapWhileIteratingFailsFast() {
    SmallFields fields = new SmallFields();
    fields.put("a", TextNode.valueOf("a"));
    fields.put("b", TextNode.valueOf("b"));
    Iterator<Map.Entry<String, JsonNode>> it = fields.entrySet().iterator();
    it.next();
    fields.put("c", TextNode.valueOf("c"));

    assertThatThrownBy(it::next).isInstanceOf(ConcurrentModificationException.class);
  }

  @Test
  void retainAndDeepCopyWorkOnCompactObjects() throws Exception {
    ObjectNode o = (ObjectNode) COMPACT.readTree("{\"a\":1,\"b\":{\"c\":[1,2]},\"d\":3}");
    ObjectNode copy = o.deepCopy();
    o.retain("b", "d");

    assertThat(fieldNames(o)).containsExactly("b", "d");
    assertThat(copy).isEqualTo(PLAIN.readTree("{\"a\":1,\"b\":{\"c\":[1,2]},\"d\":3}"));
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> names = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void entriesHeldAcrossAChangeStayReadableAndSetValueWritesThroughWhileTheKeyIsThere() {
    SmallFields fields = new SmallFields();
    fields.put("a", TextNode.valueOf("a"));
    fields.put("b", TextNode.valueOf("b"));
    List<Map.Entry<String, JsonNode>> held = new java.util.ArrayList<>(fields.entrySet());
    fields.put("c", TextNode.valueOf("c"));
    fields.remove("a");

    assertThat(held.get(0).getKey()).isEqualTo("a");
    held.get(1).setValue(TextNode.valueOf("B"));
    held.get(0).setValue(TextNode.valueOf("A")); // removed: the map does not get it back

    assertThat(fields).containsExactly(Map.entry("b", TextNode.valueOf("B")), Map.entry("c", TextNode.valueOf("c")));
  }

  @Test
  void growsPastItsFirstSlotsAndRemovesFromTheMiddleInOrder() {
    SmallFields fields = new SmallFields();
    assertThat(fields).isEmpty();
    assertThat(fields.get("a")).isNull();
    for (String k : List.of("a", "b", "c", "d", "e", "f", "g", "h")) fields.put(k, TextNode.valueOf(k));
    fields.remove("c");
    fields.remove("a");
    fields.put("i", TextNode.valueOf("i"));

    assertThat(fields.keySet()).containsExactly("b", "d", "e", "f", "g", "h", "i");
    assertThat(fields.get("h")).isEqualTo(TextNode.valueOf("h"));
    fields.clear();
    assertThat(fields).isEmpty();
    fields.put("z", TextNode.valueOf("z"));
    assertThat(fields).containsExactly(Map.entry("z", TextNode.valueOf("z")));
  }

  @Test
  void findsNamesThatAreNotTheSameStringObjectAndKeepsANullNameOnce() {
    SmallFields fields = new SmallFields();
    fields.put(new String("type"), TextNode.valueOf("a"));
    fields.put(null, TextNode.valueOf("n1"));
    fields.put(null, TextNode.valueOf("n2"));

    assertThat(fields.get("type")).isEqualTo(TextNode.valueOf("a"));
    assertThat(fields.put("type", TextNode.valueOf("b"))).isEqualTo(TextNode.valueOf("a"));
    assertThat(fields.get("index")).isNull();
    assertThat(fields).hasSize(2);
    assertThat(fields.get(null)).isEqualTo(TextNode.valueOf("n2"));
  }
}
