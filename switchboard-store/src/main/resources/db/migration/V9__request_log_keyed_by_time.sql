-- The request log's primary key orders it by time (RequestLogIds): the millisecond a request started in since
-- 2020-01-01, shifted left by 22 bits, above the writing instance's number and the request's sequence number within
-- its millisecond. Time ranges, a request id's millisecond and retention's oldest rows are then ranges of the key, so
-- the time index has no reader left, and it was ~40% of what logging a request cost on the embedded H2 store
-- (docs/benchmarks.md). An operator's SQL reaches a time range with id >= (epoch_ms - 1577836800000) * 4194304.
-- Rows logged before this migration are keyed by their time; their old key, an identity count, fills the low bits,
-- which keeps them unique unless more than four million rows were logged between two requests of one millisecond.
-- Portable SQL: runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
-- The millisecond offset is clamped as RequestLogIds.first clamps it (times before 1950 or after 2089), so no time
-- can overflow the key and stop the migration. The identity default stays: a writer of an older build still sharing
-- the database (a rolling upgrade) stores rows keyed as 2020-01-01 instead of failing; the repository finds them.
UPDATE request_log
   SET id = LEAST(GREATEST(CAST(FLOOR(EXTRACT(EPOCH FROM time) * 1000) AS BIGINT) - 1577836800000,
                           -2199023255552), 2199023255551) * CAST(4194304 AS BIGINT)
            + MOD(id, 4194304);
DROP INDEX request_log_time_idx;
