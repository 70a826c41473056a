package dev.switchboard.server.manage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A handler's answer when plain "200 + JSON of the returned object" is not enough: another status, a non-JSON body
 * (CSV downloads), extra headers such as Set-Cookie.
 *
 * @param body a JSON-serialisable object, or {@code byte[]} sent as is with {@code contentType}
 */
public record Reply(int status, Object body, String contentType, List<Map.Entry<String, String>> headers) {
  public Reply { headers = List.copyOf(headers); }

  public static Reply json(int status, Object body) { return new Reply(status, body, "application/json", List.of()); }

  public static Reply noContent() { return new Reply(204, null, null, List.of()); }

  /** A download, e.g. CSV: {@code filename} goes into Content-Disposition. */
  public static Reply file(byte[] content, String contentType, String filename) {
    return new Reply(200, content, contentType,
        List.of(Map.entry("content-disposition", "attachment; filename=\"" + filename + "\"")));
  }

  public Reply withHeader(String name, String value) {
    List<Map.Entry<String, String>> h = new ArrayList<>(headers);
    h.add(Map.entry(name, value));
    return new Reply(status, body, contentType, h);
  }
}
