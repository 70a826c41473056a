package dev.switchboard.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A whole SSE body split into events (name, data); data that is not JSON ([DONE]) is kept as text. */
record Sse(String event, String data) {
  static List<Sse> parse(String body) {
    List<Sse> out = new ArrayList<>();
    String name = null;
    StringBuilder data = null;
    for (String line : body.replace("\r\n", "\n").split("\n", -1)) {
      if (line.isEmpty()) {
        if (data != null) out.add(new Sse(name, data.toString()));
        name = null;
        data = null;
      } else if (line.startsWith("event:")) {
        name = line.substring(6).strip();
      } else if (line.startsWith("data:")) {
        String d = line.substring(5);
        if (d.startsWith(" ")) d = d.substring(1);
        data = data == null ? new StringBuilder(d) : data.append('\n').append(d);
      }
    }
    if (data != null) out.add(new Sse(name, data.toString()));
    return out;
  }

  boolean isJson() { return data.startsWith("{"); }

  JsonNode json() { return Scenario.json(data); }
}
