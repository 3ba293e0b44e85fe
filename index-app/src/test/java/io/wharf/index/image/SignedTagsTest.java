package io.wharf.index.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.wharf.index.StubRegistry;
import io.wharf.index.ui.WebUiTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The repository page marks the tags whose manifest a signature refers to. The registry (a {@link StubRegistry}
 * answering the referrers API) is asked once per manifest; the index asks again only about what the registry's
 * events say may have changed.
 */
class SignedTagsTest extends WebUiTestSupport {

    private static final StubRegistry REGISTRY = startRegistry();
    private static final Instant PUSHED = Instant.parse("2030-01-01T12:00:00Z");

    @Autowired
    private JdbcClient jdbc;

    @DynamicPropertySource
    static void registryUrl(DynamicPropertyRegistry registry) {
        registry.add("wharf.index.registry-url", REGISTRY::url);
    }

    @AfterAll
    static void stopRegistry() {
        REGISTRY.close();
    }

    @Test
    void signaturesAreAskedForOnceAndAgainOnlyAfterTheEventsThatChangeThem() throws Exception {
        String alice = createUser();
        String repository = alice + "/signed";
        String image = digest(repository + "image");
        String other = digest(repository + "other");
        REGISTRY.putReferrer(image, ArtifactTypes.COSIGN_SIGNATURE);
        REGISTRY.putReferrer(other, "application/spdx+json");
        sendEvents(tagPush(repository, "v1", image, PUSHED), tagPush(repository, "v2", other, PUSHED));

        assertThat(signedTags(alice, repository)).containsExactly("v1");
        assertThat(signedTags(alice, repository)).containsExactly("v1");
        assertThat(REGISTRY.referrersQuestions(image)).isEqualTo(1);
        assertThat(REGISTRY.referrersQuestions(other)).isEqualTo(1);

        // A tag pushed or deleted changes no manifest's referrers; a signature pushed changes its subject's only.
        sendEvents(tagPush(repository, "v3", image, PUSHED), event("delete",
                Map.of("repository", repository, "tag", "v3"), PUSHED));
        REGISTRY.putReferrer(other, ArtifactTypes.NOTATION_SIGNATURE);
        sendEvents(referrerPush(repository, digest(repository + "notation"), other));
        assertThat(signedTags(alice, repository)).containsExactly("v1", "v2");
        assertThat(REGISTRY.referrersQuestions(image)).isEqualTo(1);
        assertThat(REGISTRY.referrersQuestions(other)).isEqualTo(2);

        // A delete names no subject: every answer is asked for again.
        REGISTRY.removeReferrers(image);
        sendEvents(event("delete", Map.of("repository", repository, "digest", digest(repository + "cosign")), PUSHED));
        assertThat(signedTags(alice, repository)).containsExactly("v2");
        assertThat(REGISTRY.referrersQuestions(image)).isEqualTo(2);
        assertThat(REGISTRY.referrersQuestions(other)).isEqualTo(3);
    }

    /** An answer made before a signature's push may arrive after the push's event: that view shows it, nothing keeps it. */
    @Test
    void anAnswerOvertakenByAnEventIsNotKept() throws Exception {
        String alice = createUser();
        String repository = alice + "/raced";
        String image = digest(repository + "image");
        sendEvents(tagPush(repository, "v1", image, PUSHED));
        REGISTRY.beforeNextReferrersAnswer(() -> {
            REGISTRY.putReferrer(image, ArtifactTypes.COSIGN_SIGNATURE);
            sendEvents(referrerPush(repository, digest(repository + "cosign"), image));
        });

        assertThat(signedTags(alice, repository)).isEmpty();
        assertThat(signedTags(alice, repository)).containsExactly("v1");
        assertThat(signedTags(alice, repository)).containsExactly("v1");
        assertThat(REGISTRY.referrersQuestions(image)).isEqualTo(2);
    }

    /** A page's 25 digests are looked up in the key, whatever the number of answers kept for the repository. */
    @Test
    void keptAnswersAreLookedUpByDigest() {
        String plan = jdbc.sql("EXPLAIN " + SignedManifests.KEPT_ANSWERS)
                .param("digests", List.of(digest("one"), digest("two")))
                .param("id", 1L)
                .query(String.class).single();

        assertThat(plan).containsPattern("/\\* PUBLIC\\.PRIMARY_KEY_\\w+: DIGEST IN\\(");
    }

    /** A push by digest of a manifest whose {@code subject} is {@code subject}, as the registry reports it. */
    private static Map<String, Object> referrerPush(String repository, String digest, String subject) {
        return event("push", Map.of("mediaType", IMAGE_MANIFEST, "size", 400, "digest", digest,
                "repository", repository, "subject", subject), PUSHED);
    }

    private List<String> signedTags(String user, String repository) throws Exception {
        return page(mvc.perform(get("/r/" + repository).session(signIn(user))).andReturn())
                .select("#tags tr:has(.signed) .tag-name").eachText();
    }

    private static StubRegistry startRegistry() {
        try {
            return new StubRegistry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
