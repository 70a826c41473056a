package dev.switchboard.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Jackson trees whose objects keep their fields in {@link SmallFields} instead of a LinkedHashMap: every codec's
 * mapper reads request bodies, tool schemas and kept fields into trees of mostly small objects. Everything else
 * (numbers, text, arrays) is Jackson's default.
 */
public final class CompactNodes extends JsonNodeFactory {
  private static final long serialVersionUID = 1L;
  public static final CompactNodes INSTANCE = new CompactNodes();

  private CompactNodes() {
    super(); // as JsonNodeFactory.instance: decimals are normalized
  }

  @Override public ObjectNode objectNode() { return new ObjectNode(this, new SmallFields()); }

  /** A mapper over {@code factory} whose trees use these nodes. */
  public static ObjectMapper mapper(JsonFactory factory) {
    return new ObjectMapper(factory).setNodeFactory(INSTANCE);
  }

  /**
   * A reader of whole request bodies for {@code mapper}: anything after the JSON value ({@code {...}xyz}, two
   * objects) makes the body malformed instead of being ignored. Only for top-level reads: a tree read from the middle
   * of a streaming parse would see the rest of its document as trailing.
   */
  public static ObjectReader wholeBodyReader(ObjectMapper mapper) {
    return mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** {@link #mapper(JsonFactory)} over a default factory. */
  public static ObjectMapper mapper() {
    return new ObjectMapper().setNodeFactory(INSTANCE);
  }
}
