package dev.switchboard.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.MediaUsage;
import org.junit.jupiter.api.Test;

/** Images and seconds read from OpenAI's images and audio wire, on the spec's own examples. */
class OpenAiMediaTest {
  static JsonNode json(String s) {
    try {
      return OpenAiJson.MAPPER.readTree(s);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void images_asked_for_default_to_one_and_are_never_fewer() {
    assertThat(OpenAiMedia.requestedImages(json("{\"prompt\":\"a cat\"}"))).isEqualTo(1);
    assertThat(OpenAiMedia.requestedImages(json("{\"n\":4}"))).isEqualTo(4);
    assertThat(OpenAiMedia.requestedImages(json("{\"n\":0}"))).isEqualTo(1);
    assertThat(OpenAiMedia.requestedImages(json("{\"n\":\"3\"}"))).isEqualTo(1);
    assertThat(OpenAiMedia.requestedImages(json("{\"n\":2.5}"))).isEqualTo(3);
  }

  @Test
  void an_images_answer_counts_its_data_items() {
    JsonNode answer = json("""
        {"created":1713833628,"data":[{"b64_json":"..."},{"url":"https://x/y.png"}],"background":"transparent",
         "output_format":"png","size":"1024x1024","quality":"high",
         "usage":{"total_tokens":100,"input_tokens":50,"output_tokens":50,
                  "input_tokens_details":{"text_tokens":10,"image_tokens":40}}}""");
    assertThat(OpenAiMedia.images(answer)).isEqualTo(MediaUsage.images(2));
    assertThat(OpenAiMedia.images(json("{\"created\":1}"))).isEqualTo(MediaUsage.NONE);
    assertThat(OpenAiMedia.streamed(json("{\"type\":\"image_generation.completed\",\"b64_json\":\"...\"}")).images()).isEqualTo(1);
    assertThat(OpenAiMedia.streamed(json("{\"type\":\"image_generation.partial_image\"}")).isEmpty()).isTrue();
  }

  @Test
  void a_verbose_answer_states_the_duration_else_duration_usage_its_seconds() {
    MediaUsage verbose = OpenAiMedia.transcribed(json("""
        {"task":"transcribe","language":"english","duration":8.470000267028809,"text":"The beach...",
         "segments":[],"usage":{"type":"duration","seconds":9}}"""));
    assertThat(verbose.audioSeconds()).isEqualByComparingTo("8.47");
    assertThat(verbose.audioSource()).isEqualTo("response.duration");
    MediaUsage usage = OpenAiMedia.transcribed(json("{\"text\":\"hi\",\"usage\":{\"type\":\"duration\",\"seconds\":9}}"));
    assertThat(usage.audioSeconds()).isEqualByComparingTo("9");
    assertThat(usage.audioSource()).isEqualTo("usage.seconds");
    assertThat(OpenAiMedia.transcribed(json("""
        {"text":"hi","usage":{"type":"tokens","input_tokens":14,"output_tokens":101,"total_tokens":115}}""")))
        .isEqualTo(MediaUsage.NONE);
  }
}
