package dev.switchboard.server.exec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A parsed multipart/form-data request (text fields and in-memory files, already size-capped by the reader), and
 * its re-encoding for the upstream with some fields replaced (the model id).
 */
public record MultipartForm(List<Field> fields, List<FilePart> files) {
  public record Field(String name, String value) {}

  /** {@link #toString()} leaves the bytes out. */
  public record FilePart(String name, String filename, String contentType, byte[] data) {
    @Override public String toString() { return "FilePart[" + name + ", " + filename + ", " + data.length + " bytes]"; }
  }

  public MultipartForm {
    fields = List.copyOf(fields);
    files = List.copyOf(files);
  }

  /** The first value of a text field, or null. */
  public String field(String name) {
    for (Field f : fields) if (f.name().equals(name)) return f.value();
    return null;
  }

  public FilePart file(String name) {
    for (FilePart f : files) if (f.name().equals(name)) return f;
    return null;
  }

  /** A fresh random boundary, as browsers and SDKs make them. */
  public static String boundary() {
    return "----switchboard" + Long.toHexString(ThreadLocalRandom.current().nextLong())
        + Long.toHexString(ThreadLocalRandom.current().nextLong());
  }

  /**
   * The body with {@code overrides} replacing the fields of the same name (added when absent) and {@code drop}
   * fields left out; files follow the fields.
   */
  public byte[] encode(String boundary, Map<String, String> overrides, java.util.Set<String> drop) {
    int size = 256;
    for (FilePart f : files) size += f.data().length + 256;
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    java.util.Set<String> overridden = new java.util.HashSet<>();
    for (Field f : fields) {
      if (drop.contains(f.name())) continue;
      boolean override = overrides.containsKey(f.name());
      if (override && !overridden.add(f.name())) continue; // a replaced field is written once
      String value = override ? overrides.get(f.name()) : f.value();
      if (value == null) continue;
      textPart(out, boundary, f.name(), value);
    }
    for (Map.Entry<String, String> o : overrides.entrySet()) {
      if (!overridden.contains(o.getKey()) && o.getValue() != null) textPart(out, boundary, o.getKey(), o.getValue());
    }
    for (FilePart f : files) {
      part(out, boundary, f.name(), f.filename() == null ? "file" : f.filename(),
          f.contentType() == null ? "application/octet-stream" : f.contentType());
      out.writeBytes(f.data());
      write(out, "\r\n");
    }
    write(out, "--" + boundary + "--\r\n");
    return out.toByteArray();
  }

  private static void textPart(ByteArrayOutputStream out, String boundary, String name, String value) {
    part(out, boundary, name, null, null);
    write(out, value);
    write(out, "\r\n");
  }

  private static void part(ByteArrayOutputStream out, String boundary, String name, String filename, String type) {
    write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quote(name) + "\"");
    if (filename != null) write(out, "; filename=\"" + quote(filename) + "\"");
    write(out, "\r\n");
    if (type != null) write(out, "Content-Type: " + type + "\r\n");
    write(out, "\r\n");
  }

  /** Quotes, CR and LF cannot appear inside a quoted header parameter (RFC 7578 percent-encodes them). */
  private static String quote(String s) {
    return s.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
  }

  private static void write(ByteArrayOutputStream out, String s) { out.writeBytes(s.getBytes(StandardCharsets.UTF_8)); }
}
