package io.wharf.registry.api;

import io.wharf.registry.error.OciErrorBody;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat refuses some requests before any servlet runs (a control character, NUL, backslash or non-ASCII byte in
 * the path, a bad Content-Length or {@code Expect}, headers or query too large) and would answer them with its HTML
 * error page. This valve answers them with the spec's error body instead; Tomcat frames it (Content-Length) and
 * closes the connection where the request cannot be trusted. It writes only when nothing else has, like the valve it
 * replaces.
 */
public class OciErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String why = throwable != null && throwable.getMessage() != null ? throwable.getMessage()
                : response.getMessage();
        String message = OciErrorBody.reason(status) + (why == null || why.isBlank() ? "" : ": " + why)
                + " (refused by the HTTP server before the registry read it; send a well-formed HTTP/1.1 request)";
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("utf-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(OciErrorBody.of(OciErrorBody.codeFor(status), message, null)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // The client went away or the response cannot take a body any more; there is nobody to tell.
        }
    }
}
