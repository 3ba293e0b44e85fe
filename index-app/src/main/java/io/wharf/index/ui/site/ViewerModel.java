package io.wharf.index.ui.site;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page of the web UI the {@code viewer} the layout needs, and no {@code formErrors} (a controller that
 * shows a form again puts its own, which also comes through a redirect's flash attributes).
 */
@ControllerAdvice(basePackages = "io.wharf.index.ui")
public class ViewerModel {

    @ModelAttribute("viewer")
    Viewer viewer() {
        return Viewer.current();
    }

    @ModelAttribute("formErrors")
    FormErrors formErrors() {
        return FormErrors.none();
    }
}
