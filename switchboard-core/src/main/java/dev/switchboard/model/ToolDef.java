package dev.switchboard.model;

import com.fasterxml.jackson.databind.JsonNode;

/** A function the model may call; {@code parameters} is a JSON Schema object. */
public record ToolDef(String name, String description, JsonNode parameters, Boolean strict) {}
