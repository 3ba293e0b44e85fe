package io.wharf.index.account;

/** What a link sent by mail does. */
public enum MailTokenPurpose {
    EMAIL_CONFIRMATION,
    PASSWORD_RESET
}
