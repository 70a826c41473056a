package dev.switchboard.server.warmup;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The warm-up's requests, varied the way real clients vary: both front doors, streamed or not, tools, JSON mode,
 * multi-turn with tool results, three spellings of the model (provider/model, bare id, alias), keys of different
 * lengths in either header, and bare, SDK-like and curl-like header sets. C2 compiles the branches it saw; traffic of
 * one shape left traps that the first differently shaped real requests hit (header parsing, key hashing, model
 * resolution), and each such deoptimization recompiled a large inlined method under load.
 */
final class WarmupTraffic {
  /** One request: path, headers (the key already in them) and body. */
  record Call(String path, Map<String, String> headers, Buffer body) {}

  private WarmupTraffic() {}

  private static final String[] OPENAI_BODIES = {
      """
      {"model":"warmup/warmup-model","messages":[{"role":"system","content":"Be brief."},\
      {"role":"user","content":"Say hello."}],"max_tokens":64,"temperature":0.2}""",
      """
      {"model":"warmup-model","messages":[{"role":"user","content":"Say hello."}],"max_tokens":64,\
      "stream":true,"stream_options":{"include_usage":true}}""",
      """
      {"model":"warmup-alias","messages":[{"role":"user","content":"What is the weather in Paris?"}],\
      "tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather",\
      "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],\
      "tool_choice":"auto","parallel_tool_calls":true,"stream":true}""",
      """
      {"model":"warmup/warmup-model","messages":[{"role":"user","content":"Reply in JSON."}],\
      "response_format":{"type":"json_object"},"max_completion_tokens":128,"top_p":0.9,"stop":["\\n\\n"],"user":"u-1"}""",
      """
      {"model":"warmup-model","messages":[{"role":"user","content":"Weather in Paris?"},\
      {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",\
      "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},\
      {"role":"tool","tool_call_id":"call_1","content":"18 C, sunny"}],"max_tokens":64}""",
      // As Python's json.dumps writes it (spaces after separators) with an integer temperature, and indented: the
      // parser's whitespace paths and integer reads are branches the compact bodies above never take.
      """
      {"model": "warmup-basic", "messages": [{"role": "system", "content": "You are a helpful assistant."}, \
      {"role": "user", "content": "Say hello in one short sentence."}], "max_tokens": 64, "temperature": 0}""",
      """
      {"model": "warmup/warmup-model", "messages": [{"role": "user", "content": "Say hello."}], \
      "max_tokens": 64, "temperature": 1, "stream": true}""",
      """
      {
        "model": "warmup-b/warmup-basic",
        "messages": [
          {"role": "user", "content": "Say hello."}
        ],
        "max_tokens": 64,
        "n": 1,
        "user": null
      }"""};

  private static final String[] ANTHROPIC_BODIES = {
      """
      {"model":"warmup/warmup-model","system":"Be brief.","messages":[{"role":"user","content":"Say hello."}],\
      "max_tokens":64}""",
      """
      {"model":"warmup-model","messages":[{"role":"user","content":[{"type":"text","text":"Say hello."}]}],\
      "max_tokens":64,"stream":true,"temperature":0.5}""",
      """
      {"model":"warmup-alias","max_tokens":256,"messages":[{"role":"user","content":"Weather in Paris?"}],\
      "tools":[{"name":"get_weather","description":"Current weather","input_schema":{"type":"object",\
      "properties":{"city":{"type":"string"}},"required":["city"]}}],"tool_choice":{"type":"auto"},"stream":true}"""};

  /** Header sets; the key header's name is added in the set's own spelling (lower case, or capitalized like wrk). */
  private record Headers(Map<String, String> headers, boolean capitalized) {}

  private static final List<Headers> HEADER_SETS = List.of(
      new Headers(Map.of("content-type", "application/json"), false),
      new Headers(Map.of("content-type", "application/json", "accept", "application/json", "user-agent", "OpenAI/Java 4.101.0",
          "x-stainless-lang", "java", "x-stainless-os", "Linux", "x-stainless-arch", "x64",
          "x-stainless-retry-count", "0", "x-stainless-timeout", "600"), false),
      new Headers(Map.of("Content-Type", "application/json", "Accept", "*/*", "User-Agent", "curl/8.5.0"), true),
      new Headers(Map.of("Content-Type", "application/json", "User-Agent", "OpenAI/Python 1.54.0",
          "X-Stainless-Lang", "python", "Accept-Encoding", "gzip, deflate", "Connection", "keep-alive"), true));

  /** Every combination, in an order that interleaves them; the workers walk it round-robin. */
  static List<Call> calls(List<String> keys) {
    List<Call> calls = new ArrayList<>();
    int k = 0;
    for (Headers set : HEADER_SETS) {
      Map<String, String> headers = set.headers();
      String authorization = set.capitalized() ? "Authorization" : "authorization";
      for (String body : OPENAI_BODIES) {
        calls.add(new Call("/v1/chat/completions", with(headers, authorization, "Bearer " + keys.get(k++ % keys.size())),
            Buffer.buffer(body)));
      }
      for (String body : ANTHROPIC_BODIES) {
        String key = keys.get(k++ % keys.size());
        Map<String, String> h = k % 2 == 0 ? with(headers, set.capitalized() ? "X-Api-Key" : "x-api-key", key)
            : with(headers, authorization, "Bearer " + key);
        calls.add(new Call("/v1/messages", with(h, "anthropic-version", "2023-06-01"), Buffer.buffer(body)));
      }
    }
    return List.copyOf(calls);
  }

  private static Map<String, String> with(Map<String, String> headers, String name, String value) {
    Map<String, String> out = new java.util.LinkedHashMap<>(headers);
    out.put(name, value);
    return out;
  }
}
