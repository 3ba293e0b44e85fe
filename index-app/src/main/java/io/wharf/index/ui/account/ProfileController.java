package io.wharf.index.ui.account;

import io.wharf.index.account.AccountMailer;
import io.wharf.index.account.AccountService;
import io.wharf.index.account.ChangePasswordRequest;
import io.wharf.index.account.EmailConfirmationService;
import io.wharf.index.error.ApiException;
import io.wharf.index.oidc.OidcAccounts;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.Requesters;
import io.wharf.index.requester.UserRequester;
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
    private final OidcAccounts oidcAccounts;

    public ProfileController(AccountService accounts, EmailConfirmationService confirmations,
            WebSessionUsers sessionUsers, OidcAccounts oidcAccounts) {
        this.accounts = accounts;
        this.confirmations = confirmations;
        this.sessionUsers = sessionUsers;
        this.oidcAccounts = oidcAccounts;
    }

    /** An account that signs in through a provider has no password to change or to confirm an address change with. */
    @GetMapping("/settings/profile")
    String profile(Requester requester, Model model) {
        model.addAttribute("account", accounts.current(requester));
        oidcAccounts.providerOf(Requesters.requireUser(requester).accountId())
                .ifPresent(provider -> model.addAttribute("signsInWith", provider));
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
