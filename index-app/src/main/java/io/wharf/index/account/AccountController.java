package io.wharf.index.account;

import io.wharf.index.requester.Requester;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AccountController {

    private final AccountService accounts;
    private final EmailConfirmationService confirmations;

    public AccountController(AccountService accounts, EmailConfirmationService confirmations) {
        this.accounts = accounts;
        this.confirmations = confirmations;
    }

    @GetMapping("/api/user")
    public AccountView current(Requester requester) {
        return accounts.current(requester);
    }

    @PostMapping("/api/users")
    @ResponseStatus(HttpStatus.CREATED)
    public AccountView create(Requester requester, @RequestBody CreateAccountRequest request) {
        // Validated by the service, which reports every field's problems at once (the password policy's too).
        // An account whose address needs confirming gets the confirmation mail, as from the sign-up page.
        return confirmations.signUp(requester, request).account();
    }

    @GetMapping("/api/users")
    public List<AccountView> list(Requester requester) {
        return accounts.list(requester);
    }

    @GetMapping("/api/users/{username}")
    public AccountView get(Requester requester, @PathVariable String username) {
        return accounts.get(requester, username);
    }

    @PatchMapping("/api/users/{username}")
    public AccountView update(Requester requester, @PathVariable String username,
            @RequestBody UpdateAccountRequest request) {
        return accounts.update(requester, username, request);
    }

    @PutMapping("/api/users/{username}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void changePassword(Requester requester, @PathVariable String username,
            @Valid @RequestBody ChangePasswordRequest request) {
        accounts.changePassword(requester, username, request);
    }
}
