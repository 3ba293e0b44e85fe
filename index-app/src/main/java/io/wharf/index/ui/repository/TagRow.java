package io.wharf.index.ui.repository;

import io.wharf.index.repository.DockerCommands;
import io.wharf.index.repository.TagView;
import java.time.Instant;

/**
 * One row of a repository page's tag table, its texts written here rather than by template expressions: a page of
 * 25 tags evaluated some 600 of them (formats, conditions, commands), about half of rendering the page. Public:
 * Thymeleaf's expression compiler turns a property read into bytecode only on a public type, and reads the properties
 * of any other by reflection, which cost a quarter to a third of a tag page's CPU.
 *
 * @param pushedAt and {@code lastPulledAt}: the machine-readable time of a {@code <time>} element;
 *     {@code lastPulledAt} is {@code null} for a tag never pulled
 * @param pushedTime and {@code lastPulledTime}: the time written out, for hover text
 * @param pushedAgo and {@code lastPulledAgo}: how long ago
 */
public record TagRow(String name, String link, String deleteLink, String digest, boolean signed, String size,
        String platforms, String pushedAt, String pushedTime, String pushedAgo, String pulls, String lastPulledAt,
        String lastPulledTime, String lastPulledAgo, String pullTag, String pullDigest) {

    static TagRow of(TagView tag, String repository, boolean signed, PageFormats formats, DockerCommands commands) {
        String link = RepositoryPageAddress.of(repository, "tags/" + tag.name());
        String size = formats.size(tag.size());
        Instant lastPulled = tag.lastPulledAt();
        return new TagRow(tag.name(), link, link + "/delete", tag.digest(), signed,
                tag.isIndex() ? size + " (index)" : size,
                tag.platforms().isEmpty() ? "single image" : formats.platforms(tag.platforms()),
                String.valueOf(tag.pushedAt()), formats.time(tag.pushedAt()), formats.ago(tag.pushedAt()),
                tag.pullCount() == 1 ? "1 pull" : tag.pullCount() + " pulls",
                lastPulled == null ? null : lastPulled.toString(), formats.exactTime(lastPulled),
                formats.ago(lastPulled),
                commands.pullTag(repository, tag.name()), commands.pullDigest(repository, tag.digest()));
    }
}
