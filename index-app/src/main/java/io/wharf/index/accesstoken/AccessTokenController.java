package io.wharf.index.accesstoken;

import io.wharf.index.requester.Requester;
import io.wharf.index.requester.Requesters;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/tokens}: the signed-in user's personal access tokens. */
@RestController
@RequestMapping("/api/tokens")
public class AccessTokenController {

    private final AccessTokenService accessTokens;

    public AccessTokenController(AccessTokenService accessTokens) {
        this.accessTokens = accessTokens;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public AccessTokenView create(Requester requester, @Valid @RequestBody CreateAccessTokenRequest request) {
        return accessTokens.create(requester, owner(requester), request);
    }

    @GetMapping
    public List<AccessTokenView> list(Requester requester) {
        return accessTokens.list(owner(requester));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void revoke(Requester requester, @PathVariable long id) {
        accessTokens.revoke(requester, owner(requester), id);
    }

    private static TokenOwner owner(Requester requester) {
        return new TokenOwner.OfAccount(Requesters.requireUser(requester).accountId());
    }
}
