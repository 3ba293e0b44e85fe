package io.wharf.index.ui.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.index.repository.RepositoryView;
import io.wharf.index.repository.Visibility;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepositoryCardsTest {

    private static final Instant NOW = Instant.parse("2030-01-10T12:00:00Z");

    private final RepositoryCards cards = new RepositoryCards(new PageFormats(Clock.fixed(NOW, ZoneOffset.UTC)));

    @Test
    void aCardHoldsItsTextsWrittenOut() {
        RepositoryView pushed = new RepositoryView("acme/team/app", "acme", Visibility.PRIVATE, "The app", null,
                NOW.minusSeconds(86_400), Instant.parse("2030-01-09T08:30:15Z"), 4, 7, 3, null);
        RepositoryView neverPushed = new RepositoryView("acme/empty", "acme", Visibility.PUBLIC, "", null, NOW, null,
                0, 0, 1, null);

        assertThat(cards.of(List.of(pushed, neverPushed))).containsExactly(
                new RepositoryCard("acme/team/app", "acme", "/r/acme/team/app", "private", true, "The app", "★ 3",
                        "3 stars", "pushed 2030-01-09 08:30 UTC"),
                new RepositoryCard("acme/empty", "acme", "/r/acme/empty", "public", false, null, "★ 1", "1 star",
                        "never pushed"));
    }

    @Test
    void rowTypesThatTemplatesReadArePublic() {
        // Thymeleaf compiles a template's property reads to bytecode only on public types.
        assertThat(List.of(RepositoryCard.class, TagRow.class))
                .allMatch(type -> Modifier.isPublic(type.getModifiers()));
    }
}
