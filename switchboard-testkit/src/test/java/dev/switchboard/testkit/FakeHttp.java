package dev.switchboard.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/** Small java.net.http helpers for the testkit's own tests. */
final class FakeHttp {
  static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private FakeHttp() {}

  static HttpRequest.Builder post(String url, String json, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (headers.length > 0) b.headers(headers);
    return b;
  }

  static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<InputStream> open(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Body chunks as delivered, and the error the body ended with (null when it ended properly). */
  record Collected(List<String> chunks, Throwable error) {
    String text() { return String.join("", chunks); }
  }

  /**
   * Collects the body through a subscriber: unlike ofInputStream, which drops data still queued once the
   * connection fails, every chunk received before an abrupt close is kept.
   */
  static Collected collect(HttpRequest.Builder request) {
    CompletableFuture<Collected> done = new CompletableFuture<>();
    List<String> chunks = new CopyOnWriteArrayList<>();
    Flow.Subscriber<List<ByteBuffer>> subscriber = new Flow.Subscriber<>() {
      @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
      @Override public void onNext(List<ByteBuffer> item) {
        StringBuilder sb = new StringBuilder();
        for (ByteBuffer b : item) sb.append(StandardCharsets.UTF_8.decode(b));
        chunks.add(sb.toString());
      }
      @Override public void onError(Throwable t) { done.complete(new Collected(List.copyOf(chunks), t)); }
      @Override public void onComplete() { done.complete(new Collected(List.copyOf(chunks), null)); }
    };
    CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.fromSubscriber(subscriber))
        .exceptionally(t -> { done.complete(new Collected(List.copyOf(chunks), t)); return null; });
    try {
      return done.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("body did not end", e);
    }
  }

  /** Lines read until the body ends or breaks; {@code broken} tells whether it ended with an I/O error. */
  record Lines(List<String> lines, boolean broken) {}

  static Lines readLines(InputStream body) {
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) lines.add(line);
      return new Lines(lines, false);
    } catch (IOException e) {
      return new Lines(lines, true);
    }
  }

  /** The payloads of the {@code data:} lines. */
  static List<String> data(List<String> lines) {
    return lines.stream().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
  }
}
