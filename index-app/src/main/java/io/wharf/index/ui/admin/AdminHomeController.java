package io.wharf.index.ui.admin;

import io.wharf.index.requester.Requester;
import io.wharf.index.requester.Requesters;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Administrators: the administration's start page, a link to each of its pages with what it is for. */
@Controller
public class AdminHomeController {

    @GetMapping("/admin")
    String home(Requester requester) {
        Requesters.requireAdministrator(requester);
        return "admin/home";
    }
}
