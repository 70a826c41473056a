-- Per-key spend (issue 5): the running total charged to each gateway key, updated in the same transaction that
-- writes the key's usage rows, so every instance can enforce api_keys.spend_limit against one shared figure.
ALTER TABLE api_keys ADD COLUMN spent NUMERIC(24, 10) DEFAULT 0 NOT NULL;

-- Failed logins per subject ('e:' + email or 'i:' + client address), shared by every gateway instance so an
-- attacker gets the same allowance however many instances sit behind the load balancer.
CREATE TABLE login_failures (
    subject       VARCHAR PRIMARY KEY,
    failures      INTEGER NOT NULL,
    locked_until  TIMESTAMP WITH TIME ZONE,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX login_failures_updated_idx ON login_failures (updated_at);
