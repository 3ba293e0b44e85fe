package io.wharf.index.account;

import io.wharf.index.requester.SecretTokens;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.Feedback;
import me.gosimple.nbvcxz.scoring.Result;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * What a new password must be: at least 10 characters; at most 72 bytes (all that BCrypt reads); hard to guess by
 * nbvcxz's estimate (a zxcvbn port with its own dictionaries of common passwords, names and words, keyboard patterns,
 * dates and l33t substitutions: at least {@value #MIN_ENTROPY_BITS} bits, the library's default); not containing
 * the account's username or the name part of its email address; and not looking like an access token, because
 * secrets with that prefix are checked as tokens only.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_BYTES = 72;
    public static final double MIN_ENTROPY_BITS = 35;
    /** Shorter parts of a name or address are too common inside words to forbid. */
    private static final int MIN_PERSONAL_PART = 4;
    private static final String HOW_TO_CHOOSE =
            "Use three or four unrelated words, or let a password manager make one up.";

    /**
     * Made at the first password to judge, not at start: its dictionaries (170,000 words) take about 19 MB of heap
     * and a second or more of start-up, and most starts never set a password.
     */
    private final SingletonSupplier<Nbvcxz> estimator = SingletonSupplier.of(Nbvcxz::new);

    /**
     * Why {@code password} is not acceptable for the account, in words that say how to choose a better one; empty
     * when it is acceptable.
     */
    public Optional<String> problem(String password, String username, String email) {
        if (password.length() < MIN_LENGTH) {
            return Optional.of("Choose a password of at least " + MIN_LENGTH + " characters. " + HOW_TO_CHOOSE);
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("Choose a password of at most " + MAX_BYTES + " bytes (fewer characters, or plainer ones).");
        }
        if (password.startsWith(SecretTokens.ACCESS_TOKEN_PREFIX)) {
            return Optional.of("A password may not start with " + SecretTokens.ACCESS_TOKEN_PREFIX
                    + ", which marks access tokens.");
        }
        String lowerCase = password.toLowerCase(Locale.ROOT);
        if (personalParts(username, email).anyMatch(lowerCase::contains)) {
            return Optional.of("Choose a password that does not contain your username or email address. " + HOW_TO_CHOOSE);
        }
        Result estimate = estimator.obtain().estimate(password);
        if (estimate.getEntropy() < MIN_ENTROPY_BITS) {
            return Optional.of(tooGuessable(estimate.getFeedback()));
        }
        return Optional.empty();
    }

    /** The library's warning ("This is a top-10 common password.") and its suggestions, then ours. */
    private static String tooGuessable(Feedback feedback) {
        List<String> sentences = new ArrayList<>();
        sentences.add("This password is too easy to guess.");
        if (feedback.getWarning() != null) {
            sentences.add(feedback.getWarning());
        }
        sentences.addAll(feedback.getSuggestion());
        sentences.add(HOW_TO_CHOOSE);
        return String.join(" ", sentences);
    }

    private static Stream<String> personalParts(String username, String email) {
        String localPart = email == null ? null : email.substring(0, Math.max(0, email.indexOf('@')));
        return Stream.of(username, localPart)
                .filter(part -> part != null && part.length() >= MIN_PERSONAL_PART)
                .map(part -> part.toLowerCase(Locale.ROOT));
    }
}
