package dev.switchboard.bench;

import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.protocol.ClientCodec;
import dev.switchboard.protocol.StreamEncoder;
import dev.switchboard.protocol.anthropic.AnthropicClientCodec;
import dev.switchboard.protocol.openai.OpenAiChatCodec;
import dev.switchboard.protocol.sse.SseEvent;
import dev.switchboard.protocol.sse.SseParser;
import dev.switchboard.provider.ApiKey;
import dev.switchboard.provider.ChatAdapter;
import dev.switchboard.provider.Protocol;
import dev.switchboard.provider.Providers;
import dev.switchboard.provider.StreamDecoder;
import dev.switchboard.provider.UpstreamRequest;
import dev.switchboard.provider.UpstreamTarget;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Translation cost of the gateway's pure hot path, without I/O (docs/benchmarks.md, "Translation overhead").
 *
 * <p>Per request: decode the client's body, encode the upstream request, decode the upstream's answer, encode the
 * client's answer, for Anthropic client -> OpenAI upstream, OpenAI client -> Anthropic upstream, and the
 * same-protocol OpenAI -> OpenAI (which the gateway also translates through the canonical model), plus Anthropic ->
 * Anthropic, which passes the body through. Per stream chunk: one upstream SSE event's bytes through the SSE parser,
 * the upstream wire's decoder and the client wire's encoder; a stream is 44 events (start, 40 text deltas, finish,
 * usage, end), and the time is divided by that count.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 3)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class TranslationBench {
  static final int DELTAS = 40;
  /** Events of each generated stream: see the stream builders. */
  static final int STREAM_EVENTS = 44;

  static final String SYSTEM = "You are a helpful assistant for a travel agency. Answer briefly, cite the city, and use "
      + "the get_weather tool when the user asks about the weather. Never invent prices.";
  static final String TOOL_SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\","
      + "\"description\":\"City name\"},\"unit\":{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]}},"
      + "\"required\":[\"city\"]}";
  static final String ANSWER = "Paris in May is mild: expect 15 to 22 degrees, some showers, and long evenings. "
      + "Pack a light jacket and an umbrella; museums are busiest on weekends, so book the Louvre ahead.";

  final ChatAdapter openAi = Providers.adapter(Protocol.OPENAI).chat();
  final ChatAdapter anthropic = Providers.adapter(Protocol.ANTHROPIC).chat();
  final ClientCodec openAiClient = OpenAiChatCodec.INSTANCE;
  final ClientCodec anthropicClient = AnthropicClientCodec.INSTANCE;
  final UpstreamTarget openAiTarget = new UpstreamTarget("https://api.openai.com/v1", Map.of(), "gpt-4o-mini", 16384);
  final UpstreamTarget anthropicTarget = new UpstreamTarget("https://api.anthropic.com/v1", Map.of(), "claude-sonnet-4-5", 8192);
  final ApiKey key = new ApiKey("k1", "sk-bench-0000000000000000");

  byte[] openAiRequest;
  /** An agent's turn as coding tools send it: long system prompt, 10 rounds of tool use, 20 tools (18.8 KB). */
  byte[] openAiAgentRequest;
  byte[] anthropicRequest;
  byte[] openAiResponse;
  byte[] anthropicResponse;
  List<byte[]> openAiStream;
  List<byte[]> anthropicStream;
  ChatRequest openAiStreamRequest;
  ChatRequest anthropicStreamRequest;

  @Setup
  public void setup() {
    String user1 = "I am going to Paris in May.";
    String assistant1 = "Great choice! May is a lovely month there. What would you like to know?";
    String user2 = "What is the weather like, and what should I pack?";
    openAiRequest = bytes("{\"model\":\"gpt-4o-mini\",\"max_tokens\":512,\"temperature\":0.3,\"messages\":["
        + "{\"role\":\"system\",\"content\":" + q(SYSTEM) + "},{\"role\":\"user\",\"content\":" + q(user1) + "},"
        + "{\"role\":\"assistant\",\"content\":" + q(assistant1) + "},{\"role\":\"user\",\"content\":" + q(user2) + "}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Current weather\","
        + "\"parameters\":" + TOOL_SCHEMA + "}}]}");
    openAiAgentRequest = agentRequest();
    anthropicRequest = bytes("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":512,\"temperature\":0.3,\"system\":"
        + q(SYSTEM) + ",\"messages\":[{\"role\":\"user\",\"content\":" + q(user1) + "},{\"role\":\"assistant\","
        + "\"content\":" + q(assistant1) + "},{\"role\":\"user\",\"content\":" + q(user2) + "}],\"tools\":[{\"name\":"
        + "\"get_weather\",\"description\":\"Current weather\",\"input_schema\":" + TOOL_SCHEMA + "}]}");
    openAiResponse = bytes("{\"id\":\"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG\",\"object\":\"chat.completion\","
        + "\"created\":1741570283,\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
        + "\"assistant\",\"content\":" + q(ANSWER) + ",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,"
        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":182,\"completion_tokens\":48,\"total_tokens\":230,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":128,\"audio_tokens\":0},\"completion_tokens_details\":"
        + "{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},"
        + "\"service_tier\":\"default\",\"system_fingerprint\":\"fp_06737a9306\"}");
    anthropicResponse = bytes("{\"id\":\"msg_013Zva2CMHLNnXjNJJKqJ2EF\",\"type\":\"message\",\"role\":\"assistant\","
        + "\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[{\"type\":\"text\",\"text\":" + q(ANSWER) + "}],"
        + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":54,"
        + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":128,\"output_tokens\":48,"
        + "\"service_tier\":\"standard\"}}");
    openAiStream = openAiStream();
    anthropicStream = anthropicStream();
    openAiStreamRequest = openAiClient.decodeRequest(openAiRequest).withModel("gpt-4o-mini");
    anthropicStreamRequest = anthropicClient.decodeRequest(anthropicRequest);
    // Sanity: every path must work before it is timed.
    if (streamThrough(openAi, anthropicClient, openAiStreamRequest, openAiStream, null) == 0
        || streamThrough(anthropic, openAiClient, anthropicStreamRequest, anthropicStream, null) == 0) {
      throw new IllegalStateException("a benchmark stream produced no client bytes");
    }
  }

  /** The agent-sized request of docs/benchmarks.md ("Agent-sized requests"). */
  private static byte[] agentRequest() {
    StringBuilder sb = new StringBuilder("{\"model\":\"gpt-4o\",\"stream\":true,\"temperature\":0.2,\"messages\":[");
    sb.append("{\"role\":\"system\",\"content\":").append(q("You are a coding agent. Follow the rules. ".repeat(40))).append('}');
    String code = "public class Foo { int x = 1; void run() { for (int i = 0; i < 10; i++) x += i; } }\\n".repeat(8);
    for (int i = 0; i < 10; i++) {
      sb.append(",{\"role\":\"user\",\"content\":\"Please look at file src/main/Foo").append(i)
          .append(".java and fix the bug in the loop near line 42.\"}");
      sb.append(",{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_").append(i)
          .append("\",\"type\":\"function\",\"function\":{\"name\":\"read_file\",\"arguments\":")
          .append("\"{\\\"path\\\":\\\"src/main/Foo.java\\\"}\"}}]}");
      sb.append(",{\"role\":\"tool\",\"tool_call_id\":\"call_").append(i).append("\",\"content\":\"").append(code)
          .append("\"}");
      sb.append(",{\"role\":\"assistant\",\"content\":\"I fixed the loop bound and added a test for the edge case.\"}");
    }
    sb.append("],\"tools\":[");
    for (int t = 0; t < 20; t++) {
      if (t > 0) sb.append(',');
      sb.append("{\"type\":\"function\",\"function\":{\"name\":\"tool_").append(t)
          .append("\",\"description\":\"Does thing number ").append(t).append(" in the workspace, carefully.\",")
          .append("\"parameters\":{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\",")
          .append("\"description\":\"File path\"},\"line\":{\"type\":\"integer\"},\"mode\":{\"type\":\"string\",")
          .append("\"enum\":[\"a\",\"b\",\"c\"]}},\"required\":[\"path\"]}}}");
    }
    return bytes(sb.append("]}").toString());
  }

  private static String q(String s) { return "\"" + s.replace("\"", "\\\"") + "\""; }

  private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }

  /** OpenAI: role chunk, 40 content chunks, finish chunk, usage chunk, [DONE]. */
  private static List<byte[]> openAiStream() {
    String head = "data: {\"id\":\"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG\",\"object\":\"chat.completion.chunk\","
        + "\"created\":1741570283,\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\","
        + "\"system_fingerprint\":\"fp_06737a9306\",\"choices\":[{\"index\":0,\"delta\":";
    List<byte[]> out = new ArrayList<>();
    out.add(bytes(head + "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n"));
    for (String d : deltas()) {
      out.add(bytes(head + "{\"content\":" + q(d) + "},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n"));
    }
    out.add(bytes(head + "{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}\n\n"));
    out.add(bytes("data: {\"id\":\"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG\",\"object\":\"chat.completion.chunk\","
        + "\"created\":1741570283,\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[],\"usage\":{\"prompt_tokens\":182,"
        + "\"completion_tokens\":48,\"total_tokens\":230,\"prompt_tokens_details\":{\"cached_tokens\":128}}}\n\n"));
    out.add(bytes("data: [DONE]\n\n"));
    return out;
  }

  /** Anthropic: message_start, content_block_start, 40 text deltas, message_delta, message_stop. */
  private static List<byte[]> anthropicStream() {
    List<byte[]> out = new ArrayList<>();
    out.add(bytes("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_013Zva2CMHLNnXjNJJKqJ2EF\","
        + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[],"
        + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":54,\"cache_creation_input_tokens\":0,"
        + "\"cache_read_input_tokens\":128,\"output_tokens\":1}}}\n\n"));
    out.add(bytes("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
        + "{\"type\":\"text\",\"text\":\"\"}}\n\n"));
    for (String d : deltas()) {
      out.add(bytes("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
          + "{\"type\":\"text_delta\",\"text\":" + q(d) + "}}\n\n"));
    }
    out.add(bytes("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
        + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":48}}\n\n"));
    out.add(bytes("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
    return out;
  }

  /** The answer cut in 40 pieces of a few words, like a model's deltas. */
  private static List<String> deltas() {
    List<String> out = new ArrayList<>(DELTAS);
    int step = ANSWER.length() / DELTAS;
    for (int i = 0; i < DELTAS; i++) {
      out.add(ANSWER.substring(i * step, i == DELTAS - 1 ? ANSWER.length() : (i + 1) * step));
    }
    return out;
  }

  // ---- per request ---------------------------------------------------------------------------------------------

  private Object request(ClientCodec client, byte[] clientBody, ChatAdapter upstream, UpstreamTarget target,
                         byte[] upstreamBody, Blackhole bh) {
    ChatRequest request = client.decodeRequest(clientBody);
    UpstreamRequest call = upstream.prepareChat(request, target, key);
    bh.consume(call.body());
    ChatResponse response = upstream.parseChat(request, upstreamBody);
    return client.encodeResponse(response);
  }

  @Benchmark
  public Object request_anthropic_client_to_openai_upstream(Blackhole bh) {
    return request(anthropicClient, anthropicRequest, openAi, openAiTarget, openAiResponse, bh);
  }

  @Benchmark
  public Object request_openai_client_to_anthropic_upstream(Blackhole bh) {
    return request(openAiClient, openAiRequest, anthropic, anthropicTarget, anthropicResponse, bh);
  }

  /** An agent-sized request (18.8 KB, 41 messages, 20 tools): decoded into the canonical model only. */
  @Benchmark
  public Object decode_openai_agent_request() {
    return openAiClient.decodeRequest(openAiAgentRequest);
  }

  /** The same agent-sized request decoded and encoded for an OpenAI-compatible upstream. */
  @Benchmark
  public Object request_openai_agent_to_openai_upstream() {
    return openAi.prepareChat(openAiClient.decodeRequest(openAiAgentRequest), openAiTarget, key).body();
  }

  /** Same protocol: OpenAI chat is still decoded and re-encoded through the canonical model. */
  @Benchmark
  public Object request_openai_client_to_openai_upstream(Blackhole bh) {
    return request(openAiClient, openAiRequest, openAi, openAiTarget, openAiResponse, bh);
  }

  /** Same protocol, pass-through: the body is forwarded with the model swapped; the answer is decoded for usage only. */
  @Benchmark
  public Object request_anthropic_client_to_anthropic_upstream_pass_through(Blackhole bh) {
    ChatRequest request = anthropicClient.decodeRequest(anthropicRequest);
    UpstreamRequest call = anthropic.prepareChat(request, anthropicTarget, key);
    bh.consume(call.body());
    bh.consume(anthropic.parseChat(request, anthropicResponse).usage());
    return anthropicResponse;
  }

  // ---- per stream chunk ----------------------------------------------------------------------------------------

  /** Bytes the client gets for a whole stream; each upstream event arrives as its own network chunk. */
  private static int streamThrough(ChatAdapter upstream, ClientCodec client, ChatRequest request, List<byte[]> chunks,
                                   Blackhole bh) {
    SseParser parser = new SseParser();
    StreamDecoder decoder = upstream.streamDecoder(request);
    StreamEncoder encoder = client.streamEncoder(request);
    int[] written = {0};
    Consumer<StreamEvent> toClient = event -> {
      byte[] frame = encoder.encode(event);
      written[0] += frame.length;
      if (bh != null) bh.consume(frame);
    };
    Consumer<SseEvent> toDecoder = event -> decoder.decode(event, toClient);
    for (byte[] chunk : chunks) parser.feed(chunk, toDecoder);
    parser.finish(toDecoder);
    decoder.finish(toClient);
    byte[] end = encoder.end();
    written[0] += end.length;
    return written[0];
  }

  /** OpenAI client -> Anthropic upstream: Anthropic events become chat.completion.chunk frames. */
  @Benchmark
  @OperationsPerInvocation(STREAM_EVENTS)
  public int chunk_anthropic_upstream_to_openai_client(Blackhole bh) {
    return streamThrough(anthropic, openAiClient, openAiStreamRequest, anthropicStream, bh);
  }

  /** Anthropic client -> OpenAI upstream: chat chunks become Anthropic's event sequence. */
  @Benchmark
  @OperationsPerInvocation(STREAM_EVENTS)
  public int chunk_openai_upstream_to_anthropic_client(Blackhole bh) {
    return streamThrough(openAi, anthropicClient, anthropicStreamRequest, openAiStream, bh);
  }

  /** Same protocol: OpenAI chunks decoded and re-encoded as OpenAI chunks. */
  @Benchmark
  @OperationsPerInvocation(STREAM_EVENTS)
  public int chunk_openai_upstream_to_openai_client(Blackhole bh) {
    return streamThrough(openAi, openAiClient, openAiStreamRequest, openAiStream, bh);
  }
}
