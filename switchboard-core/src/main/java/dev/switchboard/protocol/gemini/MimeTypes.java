package dev.switchboard.protocol.gemini;

import java.util.Locale;

/** Guesses an image URL's MIME type from its extension: Gemini's fileData wants one, OpenAI image URLs carry none. */
final class MimeTypes {
  private MimeTypes() {}

  static String guess(String url) {
    int end = url.length();
    int q = url.indexOf('?');
    if (q >= 0) end = q;
    int h = url.indexOf('#');
    if (h >= 0 && h < end) end = h;
    int dot = url.lastIndexOf('.', end - 1);
    if (dot < 0 || dot < url.lastIndexOf('/', end - 1)) return "image/jpeg";
    return switch (url.substring(dot + 1, end).toLowerCase(Locale.ROOT)) {
      case "png" -> "image/png";
      case "webp" -> "image/webp";
      case "gif" -> "image/gif";
      case "heic" -> "image/heic";
      case "heif" -> "image/heif";
      case "pdf" -> "application/pdf";
      default -> "image/jpeg";
    };
  }
}
