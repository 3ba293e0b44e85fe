package io.wharf.index.accountdeletion;

import io.wharf.index.requester.Requester;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code DELETE /api/users/<name>}: administrators delete an account (see {@link AccountDeletionService}). */
@RestController
public class AccountDeletionController {

    private final AccountDeletionService deletions;

    public AccountDeletionController(AccountDeletionService deletions) {
        this.deletions = deletions;
    }

    @DeleteMapping("/api/users/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(Requester requester, @PathVariable String username) {
        deletions.delete(requester, username);
    }
}
