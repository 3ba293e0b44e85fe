package io.wharf.index.requester;

import io.wharf.index.requester.Requester;

/** A robot account ({@code <namespace>+<robot>}) signed in with one of its access tokens. */
public record RobotRequester(long robotId, String namespace, String fullName, boolean readOnly) implements Requester {

    @Override
    public String name() {
        return fullName;
    }

    @Override
    public boolean administrator() {
        return false;
    }
}
