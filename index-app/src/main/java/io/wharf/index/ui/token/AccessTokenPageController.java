package io.wharf.index.ui.token;

import io.wharf.index.accesstoken.AccessTokenScope;
import io.wharf.index.accesstoken.AccessTokenService;
import io.wharf.index.accesstoken.AccessTokenView;
import io.wharf.index.accesstoken.CreateAccessTokenRequest;
import io.wharf.index.accesstoken.TokenOwner;
import io.wharf.index.error.ApiException;
import io.wharf.index.oidc.OidcAccounts;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.Requesters;
import io.wharf.index.ui.site.FormErrors;
import io.wharf.index.ui.site.FormValidator;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's personal access tokens: create (the secret is shown once), list, revoke. */
@Controller
public class AccessTokenPageController {

    private static final String PAGE = "token/tokens";

    private final AccessTokenService accessTokens;
    private final FormValidator forms;
    private final OidcAccounts oidcAccounts;

    public AccessTokenPageController(AccessTokenService accessTokens, FormValidator forms, OidcAccounts oidcAccounts) {
        this.accessTokens = accessTokens;
        this.forms = forms;
        this.oidcAccounts = oidcAccounts;
    }

    @GetMapping("/settings/tokens")
    String tokens(Requester requester, Model model) {
        return page(requester, model);
    }

    /**
     * Answers with the page itself rather than a redirect, so that the secret goes only into this one
     * response and is never stored, not even briefly in the session.
     */
    @PostMapping("/settings/tokens")
    String create(Requester requester, @RequestParam String name, @RequestParam AccessTokenScope scope,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expires,
            Model model) {
        try {
            // A token "expiring on" a day works through that day (UTC).
            CreateAccessTokenRequest request = forms.requireValid(new CreateAccessTokenRequest(name.trim(), scope,
                    expires == null ? null : expires.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
            AccessTokenView created = accessTokens.create(requester, owner(requester), request);
            model.addAttribute("created", created);
        } catch (ApiException refused) {
            model.addAttribute("formErrors", FormErrors.of(refused));
            model.addAttribute("tokenName", name);
            model.addAttribute("tokenScope", scope);
            model.addAttribute("tokenExpires", expires);
        }
        return page(requester, model);
    }

    @PostMapping("/settings/tokens/{id}/revoke")
    String revoke(Requester requester, @PathVariable long id, RedirectAttributes redirect) {
        accessTokens.revoke(requester, owner(requester), id);
        redirect.addFlashAttribute("notice", "The token is revoked.");
        return "redirect:/settings/tokens";
    }

    private String page(Requester requester, Model model) {
        model.addAttribute("tokens", accessTokens.list(owner(requester)));
        model.addAttribute("scopes", AccessTokenScope.values());
        // Such an account has no password: docker login works with an access token only, which the page says.
        oidcAccounts.providerOf(Requesters.requireUser(requester).accountId())
                .ifPresent(provider -> model.addAttribute("signsInWith", provider));
        return PAGE;
    }

    private static TokenOwner owner(Requester requester) {
        return new TokenOwner.OfAccount(Requesters.requireUser(requester).accountId());
    }
}
