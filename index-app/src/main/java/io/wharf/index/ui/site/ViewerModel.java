package io.wharf.index.ui.site;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page of the web UI the {@code viewer} the layout needs. */
@ControllerAdvice(basePackages = "io.wharf.index.ui")
public class ViewerModel {

    @ModelAttribute("viewer")
    Viewer viewer() {
        return Viewer.current();
    }
}
