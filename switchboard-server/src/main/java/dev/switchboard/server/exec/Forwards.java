package dev.switchboard.server.exec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.openai.OpenAiJson;
import dev.switchboard.provider.ApiKey;
import dev.switchboard.provider.Protocol;
import dev.switchboard.provider.UpstreamRequest;
import dev.switchboard.provider.UpstreamTarget;
import dev.switchboard.routing.ProviderRuntime;
import dev.switchboard.server.exec.PassThroughExecution.Forward;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The {@link Forward}s of the OpenAI-shaped pass-through endpoints: same body, upstream model id and key swapped in. */
public final class Forwards {
  private Forwards() {}

  /** A JSON body POSTed to {@code baseUrl + path} on OpenAI-compatible providers. */
  public static Forward json(String path, ObjectNode body) {
    return new OpenAiShaped(path) {
      @Override
      public UpstreamRequest prepare(ProviderRuntime provider, UpstreamTarget target, ApiKey key) {
        // One request's attempts run one after another on its event loop: reusing the node is safe.
        body.put("model", target.upstreamModel());
        byte[] bytes = OpenAiJson.write(256, g -> OpenAiJson.MAPPER.writeTree(g, body));
        return new UpstreamRequest("POST", target.baseUrl() + path, headers(target, key, "application/json"), bytes);
      }
    };
  }

  /** POST /images/generations: {@link #json}, metered for the images asked for and produced. */
  public static Forward images(String path, ObjectNode body) { return MediaMeters.images(json(path, body), body); }

  /** POST /audio/speech: {@link #json}, metered for the seconds of WAV audio produced. */
  public static Forward speech(String path, ObjectNode body) { return MediaMeters.speech(json(path, body)); }

  /** POST /audio/transcriptions or /audio/translations: {@link #multipart}, metered for the seconds of audio in. */
  public static Forward transcription(String path, MultipartForm form) {
    return MediaMeters.transcription(multipart(path, form, Map.of(), Set.of()), path, form);
  }

  /** A multipart form (an audio upload) POSTed to {@code baseUrl + path}, {@code drop} fields left out. */
  public static Forward multipart(String path, MultipartForm form, Map<String, String> overrides, Set<String> drop) {
    return new OpenAiShaped(path) {
      @Override
      public UpstreamRequest prepare(ProviderRuntime provider, UpstreamTarget target, ApiKey key) {
        Map<String, String> fields = new HashMap<>(overrides);
        fields.put("model", target.upstreamModel());
        String boundary = MultipartForm.boundary();
        return new UpstreamRequest("POST", target.baseUrl() + path,
            headers(target, key, "multipart/form-data; boundary=" + boundary), form.encode(boundary, fields, drop));
      }
    };
  }

  private abstract static class OpenAiShaped implements Forward {
    final String path;

    OpenAiShaped(String path) { this.path = path; }

    @Override
    public String unsupported(ProviderRuntime provider) {
      Protocol p = provider.adapter().protocol();
      return p == Protocol.OPENAI ? null : "the " + p.configName() + " wire has no " + path;
    }
  }

  static Map<String, String> headers(UpstreamTarget target, ApiKey key, String contentType) {
    Map<String, String> h = new HashMap<>(target.headers().size() + 2);
    h.putAll(target.headers());
    h.put("content-type", contentType);
    if (key != null && key.secret() != null && !key.secret().isEmpty()) h.put("authorization", "Bearer " + key.secret());
    return h;
  }
}
