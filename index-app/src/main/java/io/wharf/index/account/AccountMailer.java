package io.wharf.index.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.Executor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends the index's mails over SMTP ({@code spring.mail.*}). Without an SMTP server (the embedded
 * default) nothing can be mailed: the mail, with its link, goes to the log, where the person running
 * the index finds it.
 */
@Component
public class AccountMailer {

    private static final Logger log = LoggerFactory.getLogger(AccountMailer.class);

    /** How a mail went out. */
    public enum Delivery {
        SENT,
        /** No SMTP server is configured: written to the log. */
        LOGGED,
        /** The SMTP server refused or could not be reached (logged). */
        FAILED
    }

    private final ObjectProvider<JavaMailSender> mailSender;
    private final boolean smtpConfigured;
    private final String from;
    private final Executor background;

    public AccountMailer(ObjectProvider<JavaMailSender> mailSender, @Value("${spring.mail.host:}") String smtpHost,
            WebAccountProperties properties, @Qualifier("applicationTaskExecutor") Executor background) {
        this.mailSender = mailSender;
        this.smtpConfigured = !smtpHost.isBlank();
        this.from = properties.mail().from();
        this.background = background;
    }

    /**
     * Sends the mail on another thread once the caller's transaction committed (nothing if it rolls back),
     * so that the answer to the request takes as long whether or not a mail goes out: for answers that
     * must not tell whether an address has an account.
     */
    public void sendAfterCommit(String to, String subject, String body) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                background.execute(() -> send(to, subject, body));
            }
        });
    }

    public Delivery send(String to, String subject, String body) {
        JavaMailSender sender = smtpConfigured ? mailSender.getIfAvailable() : null;
        if (sender == null) {
            log.warn("""

                    ************************************************************
                      No SMTP server is configured (spring.mail.host), so this mail
                      to {} is written here instead:
                      Subject: {}

                    {}
                    ************************************************************""", to, subject, body);
            return Delivery.LOGGED;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject(subject);
        message.setText(body);
        try {
            sender.send(message);
            return Delivery.SENT;
        } catch (MailException failed) {
            log.error("could not send the mail \"{}\" to {}", subject, to, failed);
            return Delivery.FAILED;
        }
    }
}
