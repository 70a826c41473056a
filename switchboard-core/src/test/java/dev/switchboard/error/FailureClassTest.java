package dev.switchboard.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailureClassTest {

  @ParameterizedTest(name = "{0} {1}/{2} -> {3}")
  @CsvSource(nullValues = "-", value = {
      "401, invalid_request_error, invalid_api_key, CREDENTIAL",
      "403, permission_error, -, CREDENTIAL",
      "429, requests, rate_limit_exceeded, RATE_LIMIT",
      "429, tokens, rate_limit_exceeded, RATE_LIMIT",
      "429, insufficient_quota, insufficient_quota, QUOTA",
      "400, -, billing_hard_limit_reached, QUOTA",
      "403, -, quota_exceeded, QUOTA",
      "400, invalid_request_error, -, CALLER_FAULT",
      "404, -, model_not_found, CALLER_FAULT",
      "413, -, -, CALLER_FAULT",
      "422, -, -, CALLER_FAULT",
      "408, -, -, TRANSIENT",
      "409, -, -, TRANSIENT",
      "500, server_error, -, TRANSIENT",
      "502, -, -, TRANSIENT",
      "503, -, -, TRANSIENT",
      "529, overloaded_error, -, TRANSIENT",
      "0, -, -, TRANSIENT",
  })
  void status_type_and_code_classify_the_failure(int status, String type, String code, FailureClass expected) {
    assertThat(FailureClass.ofStatus(status, type, code)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "CREDENTIAL, true, true, true",
      "QUOTA, true, false, true",
      "RATE_LIMIT, true, false, true",
      "CALLER_FAULT, false, false, false",
      "TRANSIENT, false, false, true",
  })
  void each_class_says_whether_it_is_per_key_permanent_and_retryable(FailureClass c, boolean perKey,
                                                                     boolean permanent, boolean retryable) {
    assertThat(c.isPerKey()).isEqualTo(perKey);
    assertThat(c.isPermanentPerKey()).isEqualTo(permanent);
    assertThat(c.retryable()).isEqualTo(retryable);
  }
}
