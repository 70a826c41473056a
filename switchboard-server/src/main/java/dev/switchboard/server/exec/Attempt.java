package dev.switchboard.server.exec;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.switchboard.error.FailureClass;

/** One upstream try, as recorded in the request log and error messages. {@code failure} is null on success. */
record Attempt(String provider, String model, String key, int status, FailureClass failure, String detail, long micros) {

  void appendJson(StringBuilder sb) {
    sb.append("{\"provider\":");
    quote(sb, provider);
    sb.append(",\"model\":");
    quote(sb, model);
    sb.append(",\"key\":");
    quote(sb, key);
    sb.append(",\"status\":").append(status);
    if (failure != null) {
      sb.append(",\"failure\":\"").append(failure.name()).append('"');
    }
    if (detail != null) {
      sb.append(",\"detail\":");
      quote(sb, detail);
    }
    sb.append(",\"micros\":").append(micros).append('}');
  }

  /** {@code provider/model (key k)}: which candidate this attempt tried. */
  String candidate() { return provider + "/" + model + (key == null ? "" : " (key " + key + ")"); }

  /** What went wrong, for error bodies. */
  String reason() {
    return (status > 0 ? "HTTP " + status + " " : "") + (detail == null ? String.valueOf(failure) : detail);
  }

  String summary() {
    return provider + "/" + model + (key == null ? "" : " (key " + key + ")") + ": "
        + (status > 0 ? "HTTP " + status + " " : "") + (detail == null ? String.valueOf(failure) : detail);
  }

  /** {@code s} as a JSON string (Jackson's escaping), or {@code null}. */
  static void quote(StringBuilder sb, String s) {
    if (s == null) {
      sb.append("null");
      return;
    }
    sb.append('"');
    JsonStringEncoder.getInstance().quoteAsString(s, sb);
    sb.append('"');
  }
}
