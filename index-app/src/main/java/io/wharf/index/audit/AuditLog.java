package io.wharf.index.audit;

import io.wharf.index.error.ApiException;
import io.wharf.index.persistence.Rows;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.Requesters;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading the audit log, for administrators only: a page at a time, newest first, or all of it as JSON lines.
 * Pages are read by keyset ({@code (recorded_at, id)} below the last one shown), never by offset, and each filter
 * has an index in that order, so a page costs the same at the millionth entry as at the first.
 */
@Service
public class AuditLog {

    /** Entries per page unless asked otherwise, and the most a page may hold. */
    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 500;
    /** Entries read at a time while exporting: the export streams, whatever its length. */
    private static final int EXPORT_BATCH = 1000;

    private final JdbcClient database;
    private final JsonMapper jsonMapper;
    private final RowMapper<AuditLogEntry> rows;

    public AuditLog(JdbcClient database, AuditValues values, JsonMapper jsonMapper) {
        this.database = database;
        this.jsonMapper = jsonMapper;
        this.rows = (row, number) -> new AuditLogEntry(row.getLong("id"),
                Rows.instant(row, "recorded_at"), row.getString("actor"),
                row.getString("client_address"), row.getString("action"),
                new AuditTarget(row.getString("target_kind"), row.getString("target_name")),
                values.fields(row.getString("before_values")), values.fields(row.getString("after_values")));
    }

    /**
     * One page of the log, newest first.
     *
     * @param next the {@code before} of the next, older page; null on the last page
     */
    public record Page(List<AuditLogEntry> entries, String next) {
    }

    /**
     * {@code size} entries matching {@code query}, older than {@code before} (the {@code next} of an earlier page;
     * blank for the newest).
     *
     * @throws ApiException 401/403 for anyone but an administrator; 400 for a malformed {@code before} or size
     */
    @Transactional(readOnly = true)
    public Page page(Requester requester, AuditQuery query, String before, int size) {
        requireAdministrator(requester);
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_PAGE_SIZE);
        }
        // One entry more than a page tells whether an older page exists.
        List<AuditLogEntry> entries = read(query, AuditCursor.parse(before), size + 1);
        if (entries.size() <= size) {
            return new Page(entries, null);
        }
        List<AuditLogEntry> page = List.copyOf(entries.subList(0, size));
        return new Page(page, AuditCursor.after(page.get(size - 1)).toString());
    }

    /**
     * Writes every entry matching {@code query} to {@code out}, newest first, one JSON object a line (as the REST
     * API shows an entry), reading a batch at a time so that any length streams in constant memory.
     */
    public void exportJsonLines(Requester requester, AuditQuery query, OutputStream out) throws IOException {
        requireAdministrator(requester);
        AuditCursor cursor = null;
        List<AuditLogEntry> batch;
        do {
            batch = read(query, cursor, EXPORT_BATCH);
            for (AuditLogEntry entry : batch) {
                out.write(jsonMapper.writeValueAsBytes(entry));
                out.write('\n');
            }
            out.flush();
            cursor = batch.isEmpty() ? null : AuditCursor.after(batch.get(batch.size() - 1));
        } while (batch.size() == EXPORT_BATCH);
    }

    /** Checked before anything is read, so that a refusal is an error answer rather than an empty export. */
    public void requireAdministrator(Requester requester) {
        if (!Requesters.requireUser(requester).administrator()) {
            throw ApiException.forbidden(
                    "only administrators may read the audit log; ask one to look up what you need");
        }
    }

    private List<AuditLogEntry> read(AuditQuery query, AuditCursor cursor, int limit) {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        condition(conditions, parameters, "actor = ?", query.actor());
        condition(conditions, parameters, "target_kind = ?", query.targetKind());
        condition(conditions, parameters, "target_name = ?", query.targetName());
        condition(conditions, parameters, "recorded_at >= ?", Rows.timestamp(query.from()));
        condition(conditions, parameters, "recorded_at < ?", Rows.timestamp(query.until()));
        if (cursor != null) {
            // Written so that the time index bounds the scan: at or before the cursor's time, then past its id.
            conditions.add("recorded_at <= ? AND (recorded_at < ? OR id < ?)");
            parameters.add(Rows.timestamp(cursor.time()));
            parameters.add(Rows.timestamp(cursor.time()));
            parameters.add(cursor.id());
        }
        parameters.add(limit);
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return database.sql("""
                        SELECT id, recorded_at, actor, client_address, action, target_kind, target_name, before_values,
                            after_values FROM audit_entry""" + where
                        + " ORDER BY recorded_at DESC, id DESC FETCH FIRST ? ROWS ONLY")
                .params(parameters)
                .query(rows)
                .list();
    }

    private static void condition(List<String> conditions, List<Object> parameters, String condition, Object value) {
        if (value != null) {
            conditions.add(condition);
            parameters.add(value);
        }
    }
}
