package io.wharf.index.security;

import io.wharf.index.error.JsonErrorWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;

/** Answers failed HTTP Basic sign-ins on the REST API with JSON, as {@link AuthenticationFailureAnswer} says. */
@Component
public class JsonAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final JsonErrorWriter errorWriter;

    public JsonAuthenticationEntryPoint(JsonErrorWriter errorWriter) {
        this.errorWriter = errorWriter;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        AuthenticationFailureAnswer answer = AuthenticationFailureAnswer.of(exception);
        answer.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        errorWriter.write(response, answer.status().value(), answer.body());
    }
}
