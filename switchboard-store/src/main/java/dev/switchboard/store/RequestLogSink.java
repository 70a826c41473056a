package dev.switchboard.store;

import java.util.List;

/** Where {@link RequestLogWriter} puts its batches; {@link RequestLogRepository} in production. */
@FunctionalInterface
public interface RequestLogSink {
  /** Writes all records or none of them. */
  void insertBatch(List<RequestRecord> batch);
}
