-- Accounts an LDAP directory signs in (created at their first sign-in), with the time the directory last confirmed
-- that the user may still sign in: token refreshes ask the directory again once wharf.index.ldap.recheck-after passed.
CREATE TABLE ldap_account (
    account_id BIGINT NOT NULL PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    checked_at TIMESTAMP WITH TIME ZONE NOT NULL
);
