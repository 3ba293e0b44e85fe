package io.wharf.index.ui.site;

import io.wharf.index.api.ApiException;
import io.wharf.index.api.FieldProblem;
import jakarta.validation.Validator;
import java.util.List;
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

    /** The request's problems, for a form that is shown again rather than refused (a preview). */
    public FormErrors problems(Object request) {
        FormErrors errors = FormErrors.none();
        FieldProblem.of(validator.validate(request)).forEach(problem -> errors.add(problem.field(), problem.message()));
        return errors;
    }

    /** @throws ApiException 400 with each field that breaks a rule and the rule's message (see {@link FormErrors}) */
    public <T> T requireValid(T request) {
        List<FieldProblem> problems = FieldProblem.of(validator.validate(request));
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return request;
    }
}
