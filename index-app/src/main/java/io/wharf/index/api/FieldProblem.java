package io.wharf.index.api;

import jakarta.validation.ConstraintViolation;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * What is wrong with one field of a request, in words a person can act on: {@code field} is the request's
 * property name (for programs, and for forms to show the message next to their input), {@code message} never
 * names it.
 */
public record FieldProblem(String field, String message) {

    private static final Comparator<FieldProblem> ORDER =
            Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message);

    /** The constraint violations of a request, each with its annotation's message, in a stable order. */
    public static List<FieldProblem> of(Collection<? extends ConstraintViolation<?>> violations) {
        return sorted(violations.stream()
                .map(violation -> new FieldProblem(violation.getPropertyPath().toString(), violation.getMessage()))
                .toList());
    }

    static List<FieldProblem> sorted(List<FieldProblem> problems) {
        return problems.stream().sorted(ORDER).toList();
    }
}
