-- The request log keeps the indexes operators query it by: time (what happened between X and Y) and request_id (the
-- x-request-id a client reports). The (tenant_id, time) index had no reader: tenants' usage and bills are read from
-- usage_records, which has its own (tenant_id, time) index. Every index is one more B-tree insert per logged request;
-- on the embedded H2 store this one cost ~2 KB of allocation per row, 20% of the insert (docs/benchmarks.md).
DROP INDEX request_log_tenant_time_idx;
