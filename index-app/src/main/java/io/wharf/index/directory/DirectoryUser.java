package io.wharf.index.directory;

/**
 * A user entry of the directory, as a sign-in reads it.
 *
 * @param dn the entry's distinguished name
 * @param username the value of the username attribute: the name of the user's Wharf account
 * @param email the user's email address, {@code null} when the entry has none
 * @param locked the directory's password policy locked the entry ({@code pwdAccountLockedTime})
 */
record DirectoryUser(String dn, String username, String email, boolean locked) {
}
