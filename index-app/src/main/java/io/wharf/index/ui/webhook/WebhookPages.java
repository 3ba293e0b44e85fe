package io.wharf.index.ui.webhook;

import io.wharf.index.requester.Requester;
import io.wharf.index.ui.site.FormErrors;
import io.wharf.index.webhook.WebhookEvent;
import io.wharf.index.webhook.WebhookOwner;
import io.wharf.index.webhook.WebhookService;
import io.wharf.index.webhook.WebhookView;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The webhooks page of a repository ({@code /r/<name>/-/webhooks}) or an organization ({@code /orgs/<name>/webhooks}):
 * its hooks and the form that adds one. Shared by the repository pages and {@link WebhookPagesController}.
 */
@Component
public class WebhookPages {

    /** The events a hook may choose, in the order the form shows them. */
    static final List<String> EVENTS = Arrays.stream(WebhookEvent.values()).filter(event -> event != WebhookEvent.PING)
            .map(WebhookEvent::wireName).toList();
    static final List<String> FORMATS = List.of("wharf", "docker_hub");

    private final WebhookService webhooks;

    WebhookPages(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    /** The page of the owner's hooks; {@code typed} is a refused form's input, shown again with its errors. */
    public String list(Requester requester, WebhookOwner owner, WebhookForm typed, FormErrors errors, Model model) {
        model.addAttribute("owner", owner);
        model.addAttribute("ownerAddress", ownerAddress(owner));
        model.addAttribute("hooks", webhooks.list(requester, owner));
        model.addAttribute("createAddress", owner.repository() != null
                ? "/webhooks/new?repository=" + owner.repository() : "/webhooks/new?organization=" + owner.namespace());
        model.addAttribute("form", typed == null ? WebhookForm.empty() : typed);
        model.addAttribute("formErrors", errors == null ? FormErrors.none() : errors);
        model.addAttribute("events", EVENTS);
        model.addAttribute("formats", FORMATS);
        return "webhook/list";
    }

    /** The repository's or organization's own page. */
    static String ownerAddress(WebhookOwner owner) {
        return owner.repository() != null ? "/r/" + owner.repository() : "/orgs/" + owner.namespace();
    }

    static String listAddress(WebhookView hook) {
        return hook.repository() != null ? "/r/" + hook.repository() + "/-/webhooks"
                : "/orgs/" + hook.namespace() + "/webhooks";
    }
}
