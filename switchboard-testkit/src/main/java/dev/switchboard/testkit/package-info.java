/**
 * Scriptable fake upstreams speaking the providers' real wire formats (OpenAI, Anthropic, Gemini) for end-to-end
 * tests, plus golden-file helpers. Entry point: {@link dev.switchboard.testkit.FakeUpstream}.
 */
package dev.switchboard.testkit;
