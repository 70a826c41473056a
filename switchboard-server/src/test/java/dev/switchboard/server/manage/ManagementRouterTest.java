package dev.switchboard.server.manage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManagementRouterTest {
  @Test
  void patterns_bind_path_parameters_and_report_allowed_methods() {
    ManagementRouter r = new ManagementRouter().get("/portal/api/keys/{id}", q -> "one")
        .delete("/portal/api/keys/{id}", q -> null).get("/portal/api/keys", q -> "list");
    List<String> allowed = new ArrayList<>();
    var m = r.match("GET", "/portal/api/keys/42", allowed);
    assertThat(m.params()).containsEntry("id", "42");
    assertThat(r.match("GET", "/portal/api/keys", allowed).params()).isEmpty();
    assertThat(r.match("PUT", "/portal/api/keys/42", allowed)).isNull();
    assertThat(allowed).containsExactly("GET", "DELETE");
    assertThat(r.match("GET", "/portal/api/keys/", new ArrayList<>())).as("empty parameter").isNull();
    assertThat(r.describe()).contains("DELETE /portal/api/keys/{id}");
  }

  @Test
  void routes_outside_the_management_prefixes_are_refused() {
    assertThatThrownBy(() -> new ManagementRouter().get("/v1/keys", q -> null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void every_mounted_accounts_route_is_described_in_the_openapi_file() throws Exception {
    ManagementRouter r = new ManagementRouter();
    new dev.switchboard.server.accounts.PortalModule(null).mount(r);
    new dev.switchboard.server.accounts.AdminModule(null, null).mount(r);
    var spec = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
        .readTree(java.nio.file.Path.of("..", "docs", "openapi-management.yaml").toFile());
    assertThat(spec.path("openapi").asText()).startsWith("3.1");
    for (String route : r.describe()) {
      String[] mp = route.split(" ");
      assertThat(spec.path("paths").path(mp[1]).has(mp[0].toLowerCase(java.util.Locale.ROOT))).as(route).isTrue();
    }
  }
}
