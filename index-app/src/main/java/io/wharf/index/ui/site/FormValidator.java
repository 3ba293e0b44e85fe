package io.wharf.index.ui.site;

import io.wharf.index.error.ApiException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Checks a request record built from a form against the same constraints the REST API applies to it
 * ({@code @NotBlank}, {@code @Size}...), so that the rules are written once, on the record.
 */
@Component
public class FormValidator {

    private final Validator validator;

    public FormValidator(Validator validator) {
        this.validator = validator;
    }

    /** @throws ApiException 400 naming each field that breaks a rule */
    public <T> T requireValid(T request) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw ApiException.badRequest(violations.stream()
                    .map(violation -> violation.getPropertyPath() + ": " + violation.getMessage())
                    .sorted()
                    .collect(Collectors.joining("; ")));
        }
        return request;
    }
}
