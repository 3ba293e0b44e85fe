package io.wharf.index.ui.account;

import io.wharf.index.account.PasswordResetService;
import io.wharf.index.api.ApiException;
import io.wharf.index.ui.site.FormErrors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Forgot my password" by mail. */
@Controller
public class PasswordResetController {

    private final PasswordResetService resets;

    public PasswordResetController(PasswordResetService resets) {
        this.resets = resets;
    }

    @GetMapping("/password/forgot")
    String forgotForm() {
        return "account/forgot";
    }

    /** The same answer whether or not an account has the address. */
    @PostMapping("/password/forgot")
    String forgot(@RequestParam String email, Model model) {
        resets.requestReset(email);
        model.addAttribute("email", email);
        return "account/forgot-sent";
    }

    @GetMapping(PasswordResetService.RESET_PATH)
    String resetForm(@RequestParam(required = false) String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("resetUsername", resets.username(token).orElse(null));
        return "account/reset";
    }

    @PostMapping(PasswordResetService.RESET_PATH)
    String reset(@RequestParam String token, @RequestParam String password, Model model, RedirectAttributes redirect) {
        try {
            String username = resets.reset(token, password);
            redirect.addFlashAttribute("notice", "Your password is changed. Log in with the new one, " + username + ".");
            return "redirect:/login";
        } catch (ApiException refused) {
            model.addAttribute("formErrors", FormErrors.of(refused));
            model.addAttribute("token", token);
            model.addAttribute("resetUsername", resets.username(token).orElse(null));
            return "account/reset";
        }
    }
}
