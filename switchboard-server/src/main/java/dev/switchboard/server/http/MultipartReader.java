package dev.switchboard.server.http;

import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.error.GatewayException;
import dev.switchboard.server.exec.MultipartForm;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a multipart/form-data body with Vert.x's form decoder, keeping files in memory under
 * {@code server.max-upload-bytes} (413 from the Content-Length before reading, or as soon as the files outgrow it).
 */
final class MultipartReader {
  static final String SETTING = "server.max-upload-bytes";

  private MultipartReader() {}

  static Future<MultipartForm> read(HttpServerRequest request, long maxBytes) {
    String type = request.getHeader("content-type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      return Future.failedFuture(new GatewayException(GatewayError.field(ErrorKey.UNSUPPORTED_MEDIA_TYPE, "Content-Type",
          "Content-Type must be multipart/form-data; got '" + type + "'")));
    }
    String length = request.getHeader("content-length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > maxBytes) return Future.failedFuture(BodyReader.tooLarge(maxBytes, SETTING));
      } catch (NumberFormatException e) {
        return Future.failedFuture(new GatewayException(GatewayError.field(ErrorKey.INVALID_REQUEST, "Content-Length",
            "Content-Length is not a number")));
      }
    }
    Promise<MultipartForm> promise = Promise.promise();
    List<MultipartForm.FilePart> files = new ArrayList<>(1);
    long[] total = {0};
    boolean[] failed = {false};
    request.setExpectMultipart(true);
    request.uploadHandler(upload -> {
      Buffer data = Buffer.buffer();
      upload.handler(chunk -> {
        if (failed[0]) return;
        total[0] += chunk.length();
        if (total[0] > maxBytes) {
          failed[0] = true;
          promise.tryFail(BodyReader.tooLarge(maxBytes, SETTING));
          return;
        }
        data.appendBuffer(chunk);
      });
      upload.endHandler(v -> {
        if (!failed[0]) files.add(new MultipartForm.FilePart(upload.name(), upload.filename(), upload.contentType(), data.getBytes()));
      });
      upload.exceptionHandler(promise::tryFail);
    });
    request.endHandler(v -> {
      if (failed[0]) return;
      List<MultipartForm.Field> fields = new ArrayList<>();
      request.formAttributes().forEach(e -> fields.add(new MultipartForm.Field(e.getKey(), e.getValue())));
      promise.tryComplete(new MultipartForm(fields, files));
    });
    request.exceptionHandler(promise::tryFail);
    return promise.future();
  }
}
