package dev.switchboard.model;

import com.fasterxml.jackson.databind.JsonNode;

/** Structured output request: plain text, any JSON object, or JSON following {@code schema}. */
public record ResponseFormat(Type type, String name, JsonNode schema, Boolean strict) {
  public enum Type { TEXT, JSON_OBJECT, JSON_SCHEMA }

  public static final ResponseFormat JSON_OBJECT = new ResponseFormat(Type.JSON_OBJECT, null, null, null);
}
