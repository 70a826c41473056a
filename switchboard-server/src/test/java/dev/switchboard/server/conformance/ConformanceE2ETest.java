package dev.switchboard.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.GatewayFixture;
import dev.switchboard.testkit.Endpoint;
import dev.switchboard.testkit.ReceivedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;

/**
 * Every inbound wire x every upstream wire x every feature, non-streaming and streaming, through the real gateway
 * against one fake upstream. Each cell sends the inbound wire's golden request, has the fake answer in the upstream
 * wire's shape, checks what the fake received and what the client got. A cell the gateway cannot express must be
 * a clear 400 naming what is unsupported ({@link Unsupported}); nothing is skipped. The matrix is printed and
 * written to target/conformance-matrix.txt.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConformanceE2ETest {
  static final List<ClientDriver> CLIENTS = List.of(new OpenAiChatClient(), new AnthropicClient(), new DashScopeClient(),
      new ResponsesClient());
  static final List<UpstreamDriver> UPSTREAMS = List.of(new OpenAiUpstream(), new AnthropicUpstream(),
      new GeminiUpstream(), new DashScopeUpstream());
  static final Matrix MATRIX = new Matrix(pairs());
  static GatewayFixture fx;

  static List<String> pairs() {
    List<String> out = new ArrayList<>();
    for (ClientDriver c : CLIENTS) for (UpstreamDriver u : UPSTREAMS) out.add(Matrix.pair(c, u));
    return out;
  }

  @BeforeAll
  static void start() {
    StringBuilder providers = new StringBuilder();
    for (UpstreamDriver u : UPSTREAMS) {
      providers.append("""
            - name: %s
              protocol: %s
              base-url: "{fake}%s"
              include-preset-models: false
              keys:
                - {name: %s-key, secret: "sk-conformance-%s-0123456789"}
              models:
                - {id: %s, max-output-tokens: 8192, capabilities: [tools, json, vision, streaming, reasoning]}
          """.formatted(u.provider(), u.wire(), switch (u.wire()) {
            case "gemini" -> "/v1beta";
            case "dashscope" -> "/api/v1";
            default -> "/v1";
          }, u.provider(), u.provider(), u.model()));
    }
    // Failures are scripted on purpose here: breakers must not open between cells.
    fx = new GatewayFixture(providers.toString(), "discovery: {enabled: false}, breaker: {failures: 1000000}");
  }

  @AfterAll
  static void stop() {
    if (fx != null) fx.close();
  }

  @TestFactory
  @Order(1)
  List<DynamicNode> pairs_x_features() {
    List<DynamicNode> clients = new ArrayList<>();
    for (ClientDriver c : CLIENTS) {
      List<DynamicNode> perUpstream = new ArrayList<>();
      for (UpstreamDriver u : UPSTREAMS) {
        List<DynamicNode> cells = new ArrayList<>();
        for (Feature f : Feature.values()) {
          for (boolean stream : new boolean[] {false, true}) {
            cells.add(DynamicTest.dynamicTest(f.column + (stream ? " streaming" : " non-streaming"),
                () -> cell(c, u, f, stream)));
          }
        }
        perUpstream.add(DynamicContainer.dynamicContainer(Matrix.pair(c, u), cells));
      }
      clients.add(DynamicContainer.dynamicContainer(c.wire(), perUpstream));
    }
    return clients;
  }

  @Test
  @Order(2)
  void every_cell_passed_or_is_a_clear_400() {
    String matrix = MATRIX.render();
    System.out.println(matrix);
    MATRIX.write(Path.of("target", "conformance-matrix.txt"));
    assertThat(MATRIX.allPassed()).as("conformance matrix:\n" + matrix).isTrue();
  }

  private static void cell(ClientDriver c, UpstreamDriver u, Feature f, boolean stream) {
    String pair = Matrix.pair(c, u);
    try {
      String note = run(c, u, f, stream);
      MATRIX.record(pair, f, stream, note == null ? Matrix.Result.PASS : Matrix.Result.UNSUPPORTED_400, note);
    } catch (AssertionError | RuntimeException e) {
      String first = String.valueOf(e.getMessage()).lines().filter(l -> !l.isBlank()).findFirst().orElse("");
      MATRIX.record(pair, f, stream, Matrix.Result.FAIL, first.length() > 160 ? first.substring(0, 160) + "…" : first);
      throw e;
    }
  }

  /** Runs one cell; returns null on a pass, or the gateway's 400 message for an unsupported cell. */
  private static String run(ClientDriver c, UpstreamDriver u, Feature f, boolean stream) {
    fx.fake.reset();
    for (Endpoint e : u.endpoints()) fx.fake.defaultReply(e, request -> u.reply(f, stream, request));
    Observation o = c.call(fx.baseUrl(), GatewayFixture.CLIENT_KEY, f, stream, u.routedModel());
    String unsupported = Unsupported.reason(c, u, f);
    if (unsupported != null) {
      assertThat(o.status).as("unsupported: " + unsupported + "\n" + o).isEqualTo(400);
      assertThat(o.errorMessage).as("the 400 names what is unsupported\n" + o).contains(unsupported);
      assertThat(fx.fake.requests()).as("nothing sent upstream").isEmpty();
      return o.errorMessage;
    }
    try {
      List<ReceivedRequest> received = fx.fake.awaitRequests(1, Duration.ofSeconds(5));
      u.checkReceived(f, stream, received.getLast(), c);
      Expectations.check(f, stream, o, u);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\nobserved: " + o, e);
    }
    return null;
  }
}
