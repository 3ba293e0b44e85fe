package io.wharf.index.webhook;

/** The body's shape: Wharf's own, or Docker Hub's, for receivers written for Docker Hub. */
public enum PayloadFormat {
    WHARF,
    DOCKER_HUB
}
