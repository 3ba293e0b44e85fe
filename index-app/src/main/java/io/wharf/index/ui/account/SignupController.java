package io.wharf.index.ui.account;

import io.wharf.index.account.AccountMailer;
import io.wharf.index.account.CreateAccountRequest;
import io.wharf.index.account.EmailConfirmationService;
import io.wharf.index.api.ApiException;
import io.wharf.index.security.Requester;
import io.wharf.index.ui.site.FormErrors;
import io.wharf.index.ui.site.FormOutcomes;
import io.wharf.index.ui.site.Viewer;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Sign-up and the email confirmation link. */
@Controller
public class SignupController {

    private final EmailConfirmationService confirmations;

    public SignupController(EmailConfirmationService confirmations) {
        this.confirmations = confirmations;
    }

    @GetMapping("/signup")
    String form() {
        return Viewer.current() != null ? "redirect:/" : "account/signup";
    }

    @PostMapping("/signup")
    String signUp(Requester requester, @RequestParam String username, @RequestParam String email,
            @RequestParam String password, Model model) {
        try {
            EmailConfirmationService.Outcome outcome = confirmations.signUp(requester,
                    new CreateAccountRequest(username.trim(), email.trim(), password, null, null));
            model.addAttribute("account", outcome.account());
            model.addAttribute("delivery", outcome.delivery().map(Enum::name).orElse(null));
            return "account/signup-done";
        } catch (ApiException refused) {
            if (FormOutcomes.refusesTheRequester(refused)) {
                throw refused;
            }
            model.addAttribute("formErrors", FormErrors.of(refused));
            model.addAttribute("username", username);
            model.addAttribute("email", email);
            return "account/signup";
        }
    }

    /**
     * Opening the link confirms: the link itself is the proof, and confirming twice changes nothing, so
     * this GET has no effect that a repeated or prefetched request could make harmful. Opening it again says so.
     */
    @GetMapping(EmailConfirmationService.CONFIRM_PATH)
    String confirm(@RequestParam(required = false) String token, Model model) {
        model.addAttribute("confirmation", confirmations.confirm(token).orElse(null));
        return "account/confirmed";
    }

    /** Sends the signed-in user's confirmation mail again. */
    @PostMapping("/settings/confirmation")
    String resend(Requester requester, RedirectAttributes redirect) {
        try {
            AccountMailer.Delivery delivery = confirmations.resend(requester);
            if (delivery == AccountMailer.Delivery.FAILED) {
                redirect.addFlashAttribute("error", "The mail could not be sent; please try again later.");
            } else {
                redirect.addFlashAttribute("notice", "We sent you a new confirmation link.");
            }
        } catch (ApiException refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:/settings/profile";
    }
}
