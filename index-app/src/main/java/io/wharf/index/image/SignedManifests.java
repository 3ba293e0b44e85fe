package io.wharf.index.image;

import io.wharf.index.registry.RegistryClient;
import io.wharf.index.repository.RepositoryPath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which manifests of a repository a signature refers to, as the registry's referrers API says. The repository page
 * shows it for each tag of a page. The registry is asked once per manifest; its answer is kept in the database until
 * the registry's events say it may have changed: a push of a manifest naming it as its {@code subject}
 * ({@link #subjectChanged}), or a delete, whose subject the event does not name ({@link #forgetAll}).
 */
@Service
public class SignedManifests {

    /** The answers kept for some digests of one repository, looked up in the table's key. */
    static final String KEPT_ANSWERS = "SELECT digest, signed FROM manifest_signed"
            + " WHERE digest IN (:digests) AND repository_id = :id";

    private final RegistryClient registry;
    private final JdbcClient database;
    /** Questions being asked now: views that need the same answer at the same time wait for one. */
    private final ConcurrentMap<Question, CompletableFuture<Boolean>> asking = new ConcurrentHashMap<>();

    public SignedManifests(RegistryClient registry, JdbcClient database) {
        this.registry = registry;
        this.database = database;
    }

    /** Of the digests, those that a signature refers to; none for a repository the index does not hold. */
    public Set<String> signed(RepositoryPath path, Collection<String> digests) {
        if (digests.isEmpty()) {
            return Set.of();
        }
        Optional<Answers> known = database.sql("SELECT id, referrers_changes FROM repository"
                        + " WHERE namespace = ? AND name = ?")
                .params(path.namespace(), path.name())
                .query((row, number) -> new Answers(row.getLong(1), row.getLong(2)))
                .optional();
        if (known.isEmpty()) {
            return Set.of();
        }
        Answers answers = known.get();
        Set<String> wanted = new LinkedHashSet<>(digests);
        Map<String, Boolean> kept = new HashMap<>();
        database.sql(KEPT_ANSWERS)
                .param("id", answers.repositoryId())
                .param("digests", wanted)
                .query(row -> {
                    kept.put(row.getString(1), row.getBoolean(2));
                });
        Map<String, CompletableFuture<Boolean>> pending = new LinkedHashMap<>();
        Map<String, CompletableFuture<Boolean>> mine = new LinkedHashMap<>();
        for (String digest : wanted) {
            if (!kept.containsKey(digest)) {
                CompletableFuture<Boolean> question = new CompletableFuture<>();
                CompletableFuture<Boolean> earlier = asking.putIfAbsent(new Question(answers.repositoryId(), digest),
                        question);
                pending.put(digest, earlier == null ? question : earlier);
                if (earlier == null) {
                    mine.put(digest, question);
                }
            }
        }
        if (!mine.isEmpty()) {
            ask(path, answers, mine);
        }
        try {
            pending.forEach((digest, answer) -> kept.put(digest, answer.join()));
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
        return kept.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /** Asks the registry, keeps the answers, and lets the waiting views have them; a failure reaches them all. */
    private void ask(RepositoryPath path, Answers answers, Map<String, CompletableFuture<Boolean>> questions) {
        try {
            Map<String, Boolean> signed = new LinkedHashMap<>();
            registry.referrers(path.fullName(), questions.keySet()).forEach((digest, referrers) -> signed.put(digest,
                    referrers.stream().anyMatch(referrer -> ArtifactTypes.isSignature(referrer.artifactType()))));
            keep(answers, signed);
            signed.forEach((digest, answer) -> questions.get(digest).complete(answer));
        } catch (RuntimeException failure) {
            questions.values().forEach(question -> question.completeExceptionally(failure));
            throw failure;
        } finally {
            questions.forEach((digest, question) -> asking.remove(new Question(answers.repositoryId(), digest),
                    question));
        }
    }

    /**
     * Keeps the answers unless an event changed the repository's referrers since they were asked for: such an answer
     * may predate the change, and is only used by the views that asked.
     */
    private void keep(Answers answers, Map<String, Boolean> signed) {
        List<Object> values = new ArrayList<>();
        signed.forEach((digest, answer) -> {
            values.add(digest);
            values.add(answer);
        });
        values.add(answers.repositoryId());
        values.add(answers.referrersChanges());
        String rows = String.join(", ", Collections.nCopies(signed.size(),
                "(CAST(? AS VARCHAR(255)), CAST(? AS BOOLEAN))"));
        try {
            database.sql("INSERT INTO manifest_signed (repository_id, digest, signed)"
                            + " SELECT r.id, answer.digest, answer.signed FROM repository r, (VALUES " + rows
                            + ") AS answer (digest, signed) WHERE r.id = ? AND r.referrers_changes = ?"
                            + " AND NOT EXISTS (SELECT 1 FROM manifest_signed s"
                            + " WHERE s.repository_id = r.id AND s.digest = answer.digest)")
                    .params(values)
                    .update();
        } catch (DataIntegrityViolationException keptByAnotherView) {
            // Another replica kept some of them at the same moment; its answers are as good.
        }
    }

    /** A manifest naming {@code subject} was pushed: the registry may now answer differently for it. */
    @Transactional
    public void subjectChanged(RepositoryPath path, String subject) {
        countChange(path);
        database.sql("DELETE FROM manifest_signed WHERE digest = ? AND repository_id ="
                        + " (SELECT id FROM repository WHERE namespace = ? AND name = ?)")
                .params(subject, path.namespace(), path.name())
                .update();
    }

    /** A manifest was deleted, or the tags were rebuilt from the registry: any answer may have changed. */
    @Transactional
    public void forgetAll(RepositoryPath path) {
        countChange(path);
        database.sql("DELETE FROM manifest_signed WHERE repository_id ="
                        + " (SELECT id FROM repository WHERE namespace = ? AND name = ?)")
                .params(path.namespace(), path.name())
                .update();
    }

    private void countChange(RepositoryPath path) {
        database.sql("UPDATE repository SET referrers_changes = referrers_changes + 1"
                        + " WHERE namespace = ? AND name = ?")
                .params(path.namespace(), path.name())
                .update();
    }

    /** @param referrersChanges the repository's count of referrers changes when its answers were read */
    private record Answers(long repositoryId, long referrersChanges) {
    }

    private record Question(long repositoryId, String digest) {
    }
}
