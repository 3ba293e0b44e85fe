package io.wharf.index.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of the audit log, as it is read and exported.
 *
 * @param clientAddress null for changes the index made by itself, outside any request
 * @param before the non-secret fields as they were; empty when there were none (a creation)
 * @param after the fields as they became; empty when there are none (a deletion)
 */
public record AuditLogEntry(long id, Instant time, String actor, String clientAddress, String action,
        AuditTarget target, Map<String, Object> before, Map<String, Object> after) {
}
