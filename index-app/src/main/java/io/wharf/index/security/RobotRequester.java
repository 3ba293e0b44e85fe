package io.wharf.index.security;

/**
 * A robot account ({@code <namespace>+<robot>}) signed in with one of its access tokens.
 *
 * @param ownerLocked the user who owns the robot's namespace is locked (never for an organization's robot)
 * @param ownerConfirmationPending that user has yet to confirm their email address, which pushing needs
 */
public record RobotRequester(long robotId, String namespace, String fullName, boolean readOnly, boolean ownerLocked,
        boolean ownerConfirmationPending) implements Requester {

    @Override
    public String name() {
        return fullName;
    }

    @Override
    public boolean administrator() {
        return false;
    }
}
