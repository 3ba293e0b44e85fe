package io.wharf.contract.name;

/** A repository name that does not follow the distribution spec's grammar. */
public class InvalidRepositoryNameException extends IllegalArgumentException {

    public InvalidRepositoryNameException(String name) {
        super("invalid repository name: " + name);
    }
}
