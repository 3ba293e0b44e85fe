-- Tag and catalog pagination compares names with '>' and must agree with ORDER BY: use byte order,
-- not the database's locale collation (which, for example, ignores punctuation in en_US).
alter table repository alter column name type varchar(255) collate "C";
alter table tag alter column name type varchar(128) collate "C";
