package io.wharf.index.ui.account;

import io.wharf.index.account.AccountMailer;
import io.wharf.index.account.AccountService;
import io.wharf.index.account.ChangePasswordRequest;
import io.wharf.index.account.EmailConfirmationService;
import io.wharf.index.error.ApiException;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.Requesters;
import io.wharf.index.requester.UserRequester;
import io.wharf.index.security.WebSessionUsers;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's email address and password. */
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

    @PostMapping("/settings/profile/email")
    String changeEmail(Requester requester, @RequestParam String email, @RequestParam String currentPassword,
            RedirectAttributes redirect) {
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
        } catch (ApiException refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
        }
        return PROFILE;
    }

    /** Other browsers and the Docker identity tokens made with the old password are signed out; this one stays. */
    @PostMapping("/settings/profile/password")
    String changePassword(Requester requester, @RequestParam String currentPassword, @RequestParam String newPassword,
            HttpSession session, RedirectAttributes redirect) {
        UserRequester user = Requesters.requireUser(requester);
        try {
            accounts.changePassword(requester, user.username(), new ChangePasswordRequest(currentPassword, newPassword));
            sessionUsers.keepSignedIn(session, user.accountId());
            redirect.addFlashAttribute("notice", "Your password is changed; your other sign-ins have ended.");
        } catch (ApiException refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
        }
        return PROFILE;
    }
}
