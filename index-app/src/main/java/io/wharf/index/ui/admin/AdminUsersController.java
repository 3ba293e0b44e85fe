package io.wharf.index.ui.admin;

import io.wharf.index.account.AccountService;
import io.wharf.index.account.ChangePasswordRequest;
import io.wharf.index.account.CreateAccountRequest;
import io.wharf.index.account.UpdateAccountRequest;
import io.wharf.index.accountdeletion.AccountDeletionService;
import io.wharf.index.requester.Requester;
import io.wharf.index.ui.site.FormOutcomes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administrators: every account, with lock, unlock, make or revoke administrator, confirm email; a new account; a
 * new password for someone else (the account service applies the same password rule as everywhere); deleting an
 * account once its username is typed again.
 */
@Controller
public class AdminUsersController {

    private final AccountService accounts;
    private final AccountDeletionService deletions;

    public AdminUsersController(AccountService accounts, AccountDeletionService deletions) {
        this.accounts = accounts;
        this.deletions = deletions;
    }

    /** The buttons of the page, each a change of one flag. */
    enum Change {
        LOCK(new UpdateAccountRequest(true, null, null), "is locked"),
        UNLOCK(new UpdateAccountRequest(false, null, null), "is unlocked"),
        MAKE_ADMIN(new UpdateAccountRequest(null, true, null), "is an administrator now"),
        REVOKE_ADMIN(new UpdateAccountRequest(null, false, null), "is no administrator any more"),
        CONFIRM_EMAIL(new UpdateAccountRequest(null, null, true), "has a confirmed email address now");

        private final UpdateAccountRequest request;
        private final String outcome;

        Change(UpdateAccountRequest request, String outcome) {
            this.request = request;
            this.outcome = outcome;
        }
    }

    @GetMapping("/admin/users")
    String users(Requester requester, Model model) {
        model.addAttribute("users", accounts.list(requester));
        return "admin/users";
    }

    /** An account the administrator vouches for: its email address counts as confirmed. */
    @PostMapping("/admin/users")
    String create(Requester requester, @RequestParam String username, @RequestParam String email,
            @RequestParam String password, @RequestParam(defaultValue = "false") boolean administrator,
            RedirectAttributes redirect) {
        return FormOutcomes.attempt(redirect, "/admin/users",
                "Created the account " + username.strip() + ".",
                () -> accounts.create(requester,
                        new CreateAccountRequest(username.strip(), email.strip(), password, administrator, true)));
    }

    /** Sets a new password and ends the sign-ins made with the old one; administrators change their own on their profile. */
    @PostMapping("/admin/users/{username}/password")
    String resetPassword(Requester requester, @PathVariable String username, @RequestParam String newPassword,
            RedirectAttributes redirect) {
        return FormOutcomes.attempt(redirect, "/admin/users", username + " has a new password.",
                () -> accounts.changePassword(requester, username, new ChangePasswordRequest(null, newPassword)));
    }

    /** Typing the username again guards against deleting the wrong row: deletion cannot be undone. */
    @PostMapping("/admin/users/{username}/delete")
    String delete(Requester requester, @PathVariable String username, @RequestParam(defaultValue = "") String confirmation,
            RedirectAttributes redirect) {
        if (!confirmation.strip().equals(username)) {
            redirect.addFlashAttribute("error", "Type the username, " + username + ", to delete the account.");
            return "redirect:/admin/users";
        }
        return FormOutcomes.attempt(redirect, "/admin/users", "Deleted the account " + username + ".",
                () -> deletions.delete(requester, username));
    }

    @PostMapping("/admin/users/{username}")
    String change(Requester requester, @PathVariable String username, @RequestParam Change change,
            RedirectAttributes redirect) {
        return FormOutcomes.attempt(redirect, "/admin/users", username + " " + change.outcome + ".",
                () -> accounts.update(requester, username, change.request));
    }
}
