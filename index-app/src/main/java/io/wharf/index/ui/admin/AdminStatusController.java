package io.wharf.index.ui.admin;

import io.wharf.index.requester.Requester;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Administrators: versions, whether the registry answers, and counts. */
@Controller
public class AdminStatusController {

    private final SystemStatus status;

    public AdminStatusController(SystemStatus status) {
        this.status = status;
    }

    @GetMapping("/admin/status")
    String status(Requester requester, Model model) {
        model.addAttribute("status", status.report(requester));
        return "admin/status";
    }
}
