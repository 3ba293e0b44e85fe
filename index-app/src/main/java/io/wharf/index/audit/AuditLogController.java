package io.wharf.index.audit;

import io.wharf.index.requester.Requester;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/admin/audit-log}: administrators read the audit log a page at a time, or export it as JSON lines. */
@RestController
public class AuditLogController {

    /** JSON lines, one entry a line. */
    public static final String JSON_LINES = "application/x-ndjson";

    private final AuditLog auditLog;

    public AuditLogController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @GetMapping("/api/admin/audit-log")
    public AuditLog.Page page(Requester requester, @RequestParam(required = false) String actor,
            @RequestParam(required = false) String targetKind, @RequestParam(required = false) String target,
            @RequestParam(required = false) String from, @RequestParam(required = false) String until,
            @RequestParam(required = false) String before,
            @RequestParam(defaultValue = "" + AuditLog.DEFAULT_PAGE_SIZE) int limit) {
        return auditLog.page(requester, AuditQuery.of(actor, targetKind, target, from, until), before, limit);
    }

    @GetMapping("/api/admin/audit-log/export")
    public void export(Requester requester, @RequestParam(required = false) String actor,
            @RequestParam(required = false) String targetKind, @RequestParam(required = false) String target,
            @RequestParam(required = false) String from, @RequestParam(required = false) String until,
            HttpServletResponse response) throws IOException {
        writeExport(auditLog, requester, AuditQuery.of(actor, targetKind, target, from, until), response);
    }

    /**
     * The export as a download, for this API and the administrators' page alike. Who may read it is decided before
     * the answer starts, so that a refusal is an error answer; then the entries stream out on the request's own
     * thread, which no asynchronous timeout cuts short however long the log.
     */
    public static void writeExport(AuditLog auditLog, Requester requester, AuditQuery query,
            HttpServletResponse response) throws IOException {
        auditLog.requireAdministrator(requester);
        response.setContentType(JSON_LINES);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"wharf-audit-log.jsonl\"");
        auditLog.exportJsonLines(requester, query, response.getOutputStream());
    }
}
