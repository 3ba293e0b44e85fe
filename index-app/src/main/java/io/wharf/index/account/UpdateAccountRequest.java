package io.wharf.index.account;

/** Flags an administrator may change; each one left out stays as it is. */
public record UpdateAccountRequest(Boolean locked, Boolean administrator, Boolean emailConfirmed) {
}
