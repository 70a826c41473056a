package dev.switchboard.provider.dashscope;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.Message;
import dev.switchboard.model.Role;
import dev.switchboard.protocol.dashscope.DashScopeClientCodec;
import dev.switchboard.provider.ApiKey;
import dev.switchboard.provider.Protocol;
import dev.switchboard.provider.Providers;
import dev.switchboard.provider.UpstreamRequest;
import dev.switchboard.provider.UpstreamTarget;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashScopeAdapterTest {
  static final DashScopeAdapter ADAPTER = DashScopeAdapter.INSTANCE;
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final ApiKey KEY = new ApiKey("main", "sk-dashscope-secret");
  static final UpstreamTarget TARGET = new UpstreamTarget("https://dashscope.aliyuncs.com/api/v1",
      Map.of("X-DashScope-WorkSpace", "ws-1"), "qwen-plus", 16384);

  static ChatRequest chat(boolean stream) {
    return new ChatRequest("dashscope/qwen-plus", List.of(Message.text(Role.USER, "hi")), null, null, null, null, null,
        null, null, stream, true, null, null, null);
  }

  @Test
  void is_registered_for_the_dashscope_protocol() {
    assertThat(Providers.adapter(Protocol.DASHSCOPE)).isSameAs(ADAPTER);
    assertThat(ADAPTER.protocol()).isEqualTo(Protocol.DASHSCOPE);
    assertThat(Protocol.DASHSCOPE.configName()).isEqualTo("dashscope");
    assertThat(ADAPTER.embeddings()).isEmpty();
  }

  @Test
  void posts_to_the_generation_path_with_bearer_auth_and_configured_headers() throws Exception {
    UpstreamRequest r = ADAPTER.prepareChat(chat(false), TARGET, KEY);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.url()).isEqualTo("https://dashscope.aliyuncs.com/api/v1/services/aigc/text-generation/generation");
    assertThat(r.headers()).containsEntry("authorization", "Bearer sk-dashscope-secret")
        .containsEntry("X-DashScope-WorkSpace", "ws-1").doesNotContainKey("x-dashscope-sse");
    JsonNode body = MAPPER.readTree(r.body());
    assertThat(body.path("model").asText()).isEqualTo("qwen-plus");
    assertThat(body.at("/parameters/result_format").asText()).isEqualTo("message");
    assertThat(body.at("/parameters/incremental_output").isMissingNode()).isTrue();
    assertThat(r.toString()).doesNotContain("sk-dashscope-secret");
  }

  @Test
  void streams_are_switched_on_by_header_with_incremental_output() throws Exception {
    UpstreamRequest r = ADAPTER.prepareChat(chat(true), TARGET, KEY);
    assertThat(r.headers()).containsEntry("x-dashscope-sse", "enable").containsEntry("accept", "text/event-stream");
    assertThat(MAPPER.readTree(r.body()).at("/parameters/incremental_output").asBoolean()).isTrue();
  }

  @Test
  void a_dashscope_client_request_passes_through_with_only_the_model_swapped() throws Exception {
    String client = "{\"model\":\"fast\",\"input\":{\"prompt\":\"hi\"},\"parameters\":{\"enable_search\":true,\"repetition_penalty\":1.05}}";
    ChatRequest r = DashScopeClientCodec.INSTANCE.decodeRequest(client.getBytes(StandardCharsets.UTF_8), true);
    assertThat(ADAPTER.passesThrough(r)).isTrue();
    assertThat(ADAPTER.passesThrough(chat(false))).isFalse();
    UpstreamRequest up = ADAPTER.prepareChat(r, TARGET, KEY);
    assertThat(MAPPER.readTree(up.body())).isEqualTo(MAPPER.readTree(client.replace("\"fast\"", "\"qwen-plus\"")));
    assertThat(up.headers()).containsEntry("x-dashscope-sse", "enable");
  }
}
