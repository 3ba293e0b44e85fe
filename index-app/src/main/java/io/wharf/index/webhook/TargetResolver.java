package io.wharf.index.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a hook's host name into addresses. A seam: the refusals of names that resolve to private addresses are
 * tested with a resolver that answers what the test needs, without asking DNS.
 */
public interface TargetResolver {

    List<InetAddress> resolve(String host) throws UnknownHostException;
}
