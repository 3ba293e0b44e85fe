package io.wharf.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.wharf.contract.auth.AccessEntry;
import io.wharf.contract.auth.RegistryTokenVerification.VerifiedToken;
import io.wharf.registry.api.support.StandInTokenIssuer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connections that bring the same new token at the same moment cost one signature verification between them, and the
 * remembered tokens stay within their bound however many repositories each grants.
 */
class TokenVerifierTest {

    private static final int CONNECTIONS = 16;

    private final ECKey key = StandInTokenIssuer.generateKey("index-key");
    /** Every verification asks the key source once; the first ask is slow, as a first check after a start is. */
    private final AtomicInteger verifications = new AtomicInteger();
    private final JWKSource<SecurityContext> slowKeys = (selector, context) -> {
        if (verifications.incrementAndGet() == 1) {
            pause(300);
        }
        return new ImmutableJWKSet<SecurityContext>(new JWKSet(key.toPublicJWK())).get(selector, context);
    };
    private final TokenVerifier verifier = new TokenVerifier(slowKeys, StandInTokenIssuer.ISSUER,
            StandInTokenIssuer.SERVICE);
    private final ExecutorService connections = Executors.newFixedThreadPool(CONNECTIONS);

    @AfterEach
    void stop() {
        connections.shutdownNow();
    }

    @Test
    void connectionsBringingOneNewTokenAtOnceShareOneVerification() throws Exception {
        String token = StandInTokenIssuer.sign(key, StandInTokenIssuer.claims("alice",
                List.of(AccessEntry.repository("team/app", AccessEntry.PULL))).build());

        List<Future<VerifiedToken>> answers = atOnce(() -> verifier.verify(token));

        for (Future<VerifiedToken> answer : answers) {
            assertThat(answer.get(10, TimeUnit.SECONDS).subject()).isEqualTo("alice");
        }
        assertThat(verifications).hasValue(1);
        assertThat(verifier.verify(token).subject()).isEqualTo("alice");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void connectionsBringingOneForgedTokenAtOnceAreAllRefused() throws Exception {
        ECKey foreign = StandInTokenIssuer.generateKey("index-key");
        String forged = StandInTokenIssuer.sign(foreign, StandInTokenIssuer.claims("mallory", List.of()).build());

        List<Future<VerifiedToken>> answers = atOnce(() -> verifier.verify(forged));

        for (Future<VerifiedToken> answer : answers) {
            assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TokenVerifier.InvalidTokenException.class);
        }
        assertThat(verifications.get()).isBetween(1, CONNECTIONS);
        // A refusal is not remembered: the next attempt checks again.
        int before = verifications.get();
        assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(TokenVerifier.InvalidTokenException.class);
        assertThat(verifications).hasValue(before + 1);
    }

    @Test
    void tokensForManyRepositoriesAreRememberedByWhatTheyWeigh() throws Exception {
        int repositories = 100;
        String last = null;
        for (int t = 0; t < 2 * TokenVerifier.MAX_REMEMBERED_WEIGHT / repositories; t++) {
            List<AccessEntry> access = new ArrayList<>();
            for (int r = 0; r < repositories; r++) {
                access.add(AccessEntry.repository("fill/" + t + "-" + r, AccessEntry.PULL, AccessEntry.PUSH));
            }
            last = StandInTokenIssuer.sign(key, StandInTokenIssuer.claims("filler", access).build());
            assertThat(verifier.verify(last).access().entries()).hasSize(repositories);
            assertThat(verifier.rememberedWeight()).isLessThanOrEqualTo(TokenVerifier.MAX_REMEMBERED_WEIGHT);
        }
        // The newest is still remembered: no verification for its next request.
        int before = verifications.get();
        verifier.verify(last);
        assertThat(verifications).hasValue(before);
    }

    private List<Future<VerifiedToken>> atOnce(Callable<VerifiedToken> verification) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(CONNECTIONS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<VerifiedToken>> answers = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            answers.add(connections.submit(() -> {
                ready.countDown();
                go.await();
                return verification.call();
            }));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        return answers;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
