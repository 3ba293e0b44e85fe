-- Failed password sign-ins per (name, client address), shared by every index replica (security.LoginThrottle).
-- "account_name" is the name as typed, lowercased, whether or not such an account exists. A row is deleted when
-- that name signs in from that address, and pruned once its failures are forgotten.
CREATE TABLE sign_in_failure (
    account_name    VARCHAR(255) NOT NULL,
    client_address  VARCHAR(64)  NOT NULL,
    failures        INTEGER      NOT NULL,
    last_failure_at TIMESTAMP WITH TIME ZONE NOT NULL,
    blocked_until   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account_name, client_address)
);

CREATE INDEX sign_in_failure_last_failure ON sign_in_failure (last_failure_at);

-- Raised to end every web session of the account at its next request (a stolen remember-me cookie was replayed):
-- sessions remember the value they signed in with, as they remember the password hash.
ALTER TABLE account ADD COLUMN session_generation INTEGER DEFAULT 0 NOT NULL;
