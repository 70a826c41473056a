-- Provider keys stored through the admin API join their provider's key pool: a relative weight like config keys
-- (default 1) and whether routing may use them.
ALTER TABLE provider_secrets ADD COLUMN weight INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE provider_secrets ADD COLUMN enabled BOOLEAN DEFAULT TRUE NOT NULL;
