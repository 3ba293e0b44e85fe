package io.wharf.index.ui.admin;

import io.wharf.index.audit.AuditLog;
import io.wharf.index.audit.AuditLogController;
import io.wharf.index.audit.AuditLogEntry;
import io.wharf.index.audit.AuditQuery;
import io.wharf.index.error.ApiException;
import io.wharf.index.requester.Requester;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Administrators: the index's audit log of changes of rights and settings, filtered by actor, target and time, a
 * page at a time (newest first), and its export as JSON lines with the same filters.
 */
@Controller
public class AdminAuditLogController {

    private final AuditLog auditLog;

    public AdminAuditLogController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    /** An entry as the page lists it: each field that changed, before and after. */
    public record Row(AuditLogEntry entry, List<FieldChange> changes) {

        static Row of(AuditLogEntry entry) {
            Set<String> fields = new LinkedHashSet<>(entry.before().keySet());
            fields.addAll(entry.after().keySet());
            return new Row(entry, fields.stream()
                    .map(field -> new FieldChange(field, text(entry.before().get(field)), text(entry.after().get(field))))
                    .toList());
        }

        private static String text(Object value) {
            if (value instanceof Collection<?> items) {
                return items.isEmpty() ? "none" : String.join(", ", items.stream().map(String::valueOf).toList());
            }
            return value == null ? "" : String.valueOf(value);
        }
    }

    public record FieldChange(String field, String before, String after) {
    }

    /** {@code before}: the "older entries" link's start, the {@code next} of the page before. */
    @GetMapping("/admin/audit-log")
    String auditLog(Requester requester, @RequestParam(defaultValue = "") String actor,
            @RequestParam(defaultValue = "") String targetKind, @RequestParam(defaultValue = "") String target,
            @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String until,
            @RequestParam(defaultValue = "") String before, Model model) {
        model.addAttribute("actor", actor.strip());
        model.addAttribute("targetKind", targetKind.strip());
        model.addAttribute("target", target.strip());
        model.addAttribute("from", from.strip());
        model.addAttribute("until", until.strip());
        try {
            AuditLog.Page page = auditLog.page(requester, AuditQuery.of(actor, targetKind, target, from, until),
                    before, AuditLog.DEFAULT_PAGE_SIZE);
            model.addAttribute("rows", page.entries().stream().map(Row::of).toList());
            model.addAttribute("next", page.next());
        } catch (ApiException refused) {
            if (refused.status() != HttpStatus.BAD_REQUEST) {
                throw refused;
            }
            // A filter that is not a time: the form stays, with what to type instead.
            model.addAttribute("error", refused.getMessage());
        }
        return "admin/audit-log";
    }

    @GetMapping("/admin/audit-log/export")
    void export(Requester requester, @RequestParam(defaultValue = "") String actor,
            @RequestParam(defaultValue = "") String targetKind, @RequestParam(defaultValue = "") String target,
            @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String until,
            HttpServletResponse response) throws IOException {
        AuditLogController.writeExport(auditLog, requester, AuditQuery.of(actor, targetKind, target, from, until),
                response);
    }
}
