package dev.switchboard.server.conformance;

/**
 * The features every (inbound wire x upstream wire) pair is checked for, each non-streaming and streaming. The
 * golden client request a feature sends is {@code golden/conformance/client/<wire>/<request>.json}.
 */
enum Feature {
  TEXT("text", "text"),
  MULTI_TURN("multi_turn", "multi_turn"),
  PARALLEL_TOOLS_STREAM("parallel_tools_stream", "tools"),
  TOOL_RESULTS("tool_results", "tool_results"),
  IMAGES("images", "images"),
  JSON_MODE("json_mode", "json_mode"),
  REASONING("reasoning", "reasoning"),
  STOP_REASON("stop_reason", "stop_reason"),
  USAGE_CACHED("usage_cached", "text"),
  ERROR_BEFORE_FIRST_BYTE("error_before_first_byte", "text"),
  ERROR_AFTER_FIRST_BYTE("error_after_first_byte", "text"),
  /**
   * Input only the inbound wire can carry (OpenAI input_audio, an Anthropic document, DashScope enable_search, a
   * Responses built-in tool): passed through to an upstream of the same wire, a 400 naming it anywhere else.
   */
  WIRE_ONLY_INPUT("wire_only_input", "wire_only");

  final String column;
  /** The golden client request this feature sends. */
  final String request;

  Feature(String column, String request) {
    this.column = column;
    this.request = request;
  }
}
