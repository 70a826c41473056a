package dev.switchboard.server.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.accounts.KeyRole;
import dev.switchboard.accounts.KeyScope;
import dev.switchboard.server.manage.ApiException;
import dev.switchboard.server.manage.ManagementRequest;
import dev.switchboard.store.accounts.KeyStore;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Validation of account inputs: each failure names its field. */
final class Inputs {
  private Inputs() {}

  static final int MIN_PASSWORD = 10;
  private static final int MAX_PASSWORD = 1024;
  private static final int MAX_NAME = 200;
  static final Set<String> ENDPOINTS = Set.of("/v1/chat/completions", "/v1/embeddings", "/v1/messages",
      "/v1/messages/count_tokens", "/v1/responses", "/v1/rerank", "/v1/moderations", "/v1/images/generations",
      "/v1/audio/speech", "/v1/audio/transcriptions", "/v1/audio/translations",
      "/api/v1/services/aigc/text-generation/generation");

  static String email(ManagementRequest r) {
    String e = r.text("email").toLowerCase(Locale.ROOT);
    int at = e.indexOf('@');
    if (e.length() > 254 || at < 1 || at == e.length() - 1 || e.chars().anyMatch(Character::isWhitespace)) {
      throw ApiException.badRequest("email", "'email' must be an email address");
    }
    return e;
  }

  static String password(ManagementRequest r, String field) {
    JsonNode n = r.json().get(field);
    if (n == null || !n.isTextual()) throw ApiException.badRequest(field, "'" + field + "' is required");
    String p = n.textValue();
    if (p.length() < MIN_PASSWORD || p.length() > MAX_PASSWORD) {
      throw ApiException.badRequest(field, "'" + field + "' must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
    }
    return p;
  }

  static String name(String field, String v) {
    if (v == null || v.isBlank()) throw ApiException.badRequest(field, "'" + field + "' is required");
    if (v.length() > MAX_NAME) throw ApiException.badRequest(field, "'" + field + "' is longer than " + MAX_NAME + " characters");
    return v;
  }

  static List<String> strings(ManagementRequest r, String field) {
    JsonNode n = r.json().get(field);
    if (n == null || n.isNull()) return List.of();
    if (!n.isArray()) throw ApiException.badRequest(field, "'" + field + "' must be an array of strings");
    List<String> out = new ArrayList<>();
    for (JsonNode e : n) {
      if (!e.isTextual() || e.textValue().isBlank() || e.textValue().contains(",")) {
        throw ApiException.badRequest(field, "'" + field + "' must be an array of non-empty strings without commas");
      }
      out.add(e.textValue().strip());
    }
    return out;
  }

  /** A key's fields from the body; on update, absent fields keep {@code old}'s values. */
  static KeyStore.KeyFields keyFields(ManagementRequest r, KeyStore.Key old, PublicCatalog catalog) {
    String name = r.has("name") ? name("name", r.optionalText("name")) : old == null ? name("name", null) : old.name();
    String kind = r.has("scope") ? r.optionalText("scope") : old == null ? "all" : old.scopeKind();
    List<String> models = r.has("models") ? strings(r, "models") : old == null ? List.of() : old.scopeModels();
    if (KeyScope.of(kind, models) == null) {
      throw ApiException.badRequest("scope", "'scope' must be 'all', 'selected' (with 'models') or 'fixed' (with one model in 'models')");
    }
    if (kind.equals("all")) models = List.of();
    for (String m : models) {
      if (catalog.model(m).isEmpty()) throw ApiException.badRequest("models", "'models' names an unknown public model '" + m + "'");
    }
    List<String> endpoints = r.has("allowed_endpoints") ? strings(r, "allowed_endpoints")
        : old == null ? List.of() : old.allowedEndpoints();
    for (String e : endpoints) {
      if (!ENDPOINTS.contains(e)) throw ApiException.badRequest("allowed_endpoints", "'allowed_endpoints' has an unknown endpoint '" + e + "'");
    }
    String role = r.has("role") ? r.optionalText("role") : old == null ? "user" : old.role();
    KeyRole parsed = KeyRole.parse(role);
    if (parsed == null) throw ApiException.badRequest("role", "'role' must be admin, user or read_only");
    Instant expires = old == null ? null : old.expiresAt();
    if (r.has("expires_at")) {
      String t = r.optionalText("expires_at");
      try {
        expires = t == null ? null : Instant.parse(t);
      } catch (DateTimeParseException e) {
        throw ApiException.badRequest("expires_at", "'expires_at' must be an ISO-8601 instant like 2030-01-01T00:00:00Z");
      }
    }
    Integer rate = r.has("rate_limit_per_minute") ? r.optionalInt("rate_limit_per_minute") : old == null ? null : old.ratePerMinute();
    if (rate != null && rate < 1) throw ApiException.badRequest("rate_limit_per_minute", "'rate_limit_per_minute' must be at least 1");
    var spend = r.has("spend_limit") ? r.optionalDecimal("spend_limit") : old == null ? null : old.spendLimit();
    if (spend != null && spend.signum() < 0) throw ApiException.badRequest("spend_limit", "'spend_limit' must not be negative");
    return new KeyStore.KeyFields(name, kind, models, endpoints, parsed.wire(), expires, rate, spend);
  }
}
