-- Routing explanations: the candidates the decision considered and why each was skipped (a short JSON array).
-- Portable SQL: runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
ALTER TABLE request_log ADD COLUMN routing_detail VARCHAR;
