package io.wharf.index.error;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * Tomcat refuses some malformed requests (an encoded slash or NUL in the path, broken percent-encoding)
 * before any servlet runs, and would answer them with its HTML error page. This valve answers them with
 * the same JSON body as every other error. It writes only when nothing else has, like the valve it replaces.
 */
public class JsonErrorReportValve extends ErrorReportValve {

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
        HttpStatus known = HttpStatus.resolve(status);
        // Only fixed texts go into the body, so nothing from the request needs escaping.
        String body = "{\"error\":\"" + ErrorCodes.forStatus(HttpStatusCode.valueOf(status))
                + "\",\"message\":\"" + (known == null ? "error" : known.getReasonPhrase()) + "\"}";
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("utf-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // The client went away or the response cannot take a body any more; there is nobody to tell.
        }
    }
}
