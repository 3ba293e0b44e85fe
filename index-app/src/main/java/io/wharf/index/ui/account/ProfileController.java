package io.wharf.index.ui.account;

import io.wharf.index.account.AccountMailer;
import io.wharf.index.account.AccountService;
import io.wharf.index.account.ChangePasswordRequest;
import io.wharf.index.account.EmailConfirmationService;
import io.wharf.index.api.ApiException;
import io.wharf.index.security.Requester;
import io.wharf.index.security.Requesters;
import io.wharf.index.security.UserRequester;
import io.wharf.index.security.WebSessionUsers;
import io.wharf.index.ui.site.FormErrors;
import io.wharf.index.ui.site.FormOutcomes;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in user's email address and password. A refused change shows the page again with each form's errors
 * ({@code emailErrors}, {@code passwordErrors}) next to their fields and the typed address kept.
 */
@Controller
public class ProfileController {

    private static final String PROFILE = "redirect:/settings/profile";

    private final AccountService accounts;
    private final EmailConfirmationService confirmations;
    private final WebSessionUsers sessionUsers;

    public ProfileController(AccountService accounts, EmailConfirmationService confirmations,
            WebSessionUsers sessionUsers) {
        this.accounts = accounts;
        this.confirmations = confirmations;
        this.sessionUsers = sessionUsers;
    }

    @GetMapping("/settings/profile")
    String profile(Requester requester, Model model) {
        model.addAttribute("account", accounts.current(requester));
        return "account/profile";
    }

    private String refused(Requester requester, ApiException refused, String form, Model model) {
        if (FormOutcomes.refusesTheRequester(refused) && refused.problems().isEmpty()) {
            throw refused;
        }
        model.addAttribute(form, FormErrors.of(refused));
        return profile(requester, model);
    }

    @PostMapping("/settings/profile/email")
    String changeEmail(Requester requester, @RequestParam String email, @RequestParam String currentPassword,
            Model model, RedirectAttributes redirect) {
        try {
            EmailConfirmationService.Outcome outcome = confirmations.changeEmail(requester, email, currentPassword);
            String notice = outcome.delivery().isEmpty()
                    ? "Your email address is now " + outcome.account().email() + "."
                    : outcome.delivery().get() == AccountMailer.Delivery.FAILED
                            ? "Your email address is now " + outcome.account().email()
                                    + ", but the confirmation mail could not be sent; send it again below."
                            : "Your email address is now " + outcome.account().email()
                                    + ". Open the link we sent there to confirm it.";
            redirect.addFlashAttribute("notice", notice);
            return PROFILE;
        } catch (ApiException refused) {
            model.addAttribute("newEmail", email);
            return refused(requester, refused, "emailErrors", model);
        }
    }

    /** Other browsers and the Docker identity tokens made with the old password are signed out; this one stays. */
    @PostMapping("/settings/profile/password")
    String changePassword(Requester requester, @RequestParam String currentPassword, @RequestParam String newPassword,
            HttpSession session, Model model, RedirectAttributes redirect) {
        UserRequester user = Requesters.requireUser(requester);
        try {
            accounts.changePassword(requester, user.username(), new ChangePasswordRequest(currentPassword, newPassword));
            sessionUsers.keepSignedIn(session, user.accountId());
            redirect.addFlashAttribute("notice", "Your password is changed; your other sign-ins have ended.");
            return PROFILE;
        } catch (ApiException refused) {
            return refused(requester, refused, "passwordErrors", model);
        }
    }
}
