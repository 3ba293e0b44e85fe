package io.wharf.index.requester;

/**
 * Who makes a request: an anonymous client, a user, or a robot. Permission decisions start here.
 */
public sealed interface Requester permits Requester.Anonymous, UserRequester, RobotRequester {

    Requester ANONYMOUS = new Anonymous();

    /** The token subject: the username, the robot's full name, or {@code ""} for an anonymous client. */
    String name();

    /** Whether this is a system administrator, who may do anything. */
    boolean administrator();

    /** Whether the credential was a read-only access token: such a requester may only read. */
    boolean readOnly();

    record Anonymous() implements Requester {

        @Override
        public String name() {
            return "";
        }

        @Override
        public boolean administrator() {
            return false;
        }

        @Override
        public boolean readOnly() {
            return false;
        }
    }
}
