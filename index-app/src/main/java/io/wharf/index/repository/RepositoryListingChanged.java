package io.wharf.index.repository;

/**
 * Published when what a listing shows of existing repositories changed: a description, a visibility, a star, or a
 * deletion. Pushes, pulls and new repositories do not publish it: counters are not listed, and a new repository has an
 * id above every earlier one, so a reader that keeps a listing finds new rows by their ids.
 */
public record RepositoryListingChanged() {
}
