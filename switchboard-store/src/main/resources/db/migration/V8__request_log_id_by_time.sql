-- Request ids carry the millisecond they were made in, and a row's time is read from that same clock reading, so a
-- lookup by request id is a one-millisecond range of the time index (RequestLogRepository.findByRequestId). The
-- index on request_id was the most expensive part of logging a request: on the embedded H2 store ~4 µs of CPU per
-- row of the ~10 the whole row cost (long string keys sharing a prefix, inserted all over the index's last pages),
-- docs/benchmarks.md.
-- Portable SQL: runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
DROP INDEX request_log_request_id_idx;
