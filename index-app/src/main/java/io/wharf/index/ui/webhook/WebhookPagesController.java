package io.wharf.index.ui.webhook;

import io.wharf.index.error.ApiException;
import io.wharf.index.requester.Requester;
import io.wharf.index.ui.site.FormErrors;
import io.wharf.index.ui.site.FormOutcomes;
import io.wharf.index.ui.site.FormValidator;
import io.wharf.index.webhook.WebhookOwner;
import io.wharf.index.webhook.WebhookService;
import io.wharf.index.webhook.WebhookView;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Webhook pages: an organization's hooks ({@code /orgs/<name>/webhooks}; a repository's are at
 * {@code /r/<name>/-/webhooks}), a new hook ({@code POST /webhooks/new?repository=|organization=}), and each hook at
 * {@code /webhooks/<id>}: its settings, history and deliveries, with enable, disable, test, redeliver and delete.
 * {@link WebhookService} decides who may: the administrators of the hook's repository or organization.
 */
@Controller
public class WebhookPagesController {

    private final WebhookService webhooks;
    private final WebhookPages pages;
    private final FormValidator forms;

    public WebhookPagesController(WebhookService webhooks, WebhookPages pages, FormValidator forms) {
        this.webhooks = webhooks;
        this.pages = pages;
        this.forms = forms;
    }

    @GetMapping("/orgs/{name}/webhooks")
    public String organizationHooks(Requester requester, @PathVariable String name, Model model) {
        return pages.list(requester, WebhookOwner.organization(name), null, null, model);
    }

    @PostMapping("/webhooks/new")
    public String create(Requester requester, @RequestParam(required = false) String repository,
            @RequestParam(required = false) String organization, @RequestParam(required = false) String url,
            @RequestParam(required = false) List<String> events, @RequestParam(required = false) String format,
            @RequestParam(required = false) String secret, Model model, RedirectAttributes flash) {
        WebhookOwner owner = WebhookOwner.parse(repository, organization);
        WebhookForm typed = WebhookForm.of(url, events, format);
        FormErrors errors = forms.problems(typed.request(secret));
        if (!errors.any()) {
            try {
                WebhookView created = webhooks.create(requester, owner, typed.request(secret));
                flash.addFlashAttribute("notice", "Created the webhook. Copy its secret now: it is not shown again.");
                flash.addFlashAttribute("createdSecret", created.secret());
                return "redirect:/webhooks/" + created.id();
            } catch (ApiException refused) {
                if (FormOutcomes.refusesTheRequester(refused)) {
                    throw refused;
                }
                errors = FormErrors.of(refused);
            }
        }
        return pages.list(requester, owner, typed, errors, model);
    }

    @GetMapping("/webhooks/{id}")
    public String show(Requester requester, @PathVariable long id, Model model) {
        WebhookView hook = webhooks.get(requester, id);
        model.addAttribute("hook", hook);
        model.addAttribute("listAddress", WebhookPages.listAddress(hook));
        model.addAttribute("attempts", webhooks.history(requester, id));
        model.addAttribute("deliveries", webhooks.deliveries(requester, id));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new WebhookForm(hook.url(), hook.events(), hook.format()));
        }
        if (!model.containsAttribute("formErrors")) {
            model.addAttribute("formErrors", FormErrors.none());
        }
        model.addAttribute("events", WebhookPages.EVENTS);
        model.addAttribute("formats", WebhookPages.FORMATS);
        return "webhook/show";
    }

    @PostMapping("/webhooks/{id}")
    public String update(Requester requester, @PathVariable long id, @RequestParam(required = false) String url,
            @RequestParam(required = false) List<String> events, @RequestParam(required = false) String format,
            @RequestParam(required = false) String secret, RedirectAttributes flash) {
        WebhookForm typed = WebhookForm.of(url, events, format);
        flash.addFlashAttribute("form", typed);
        FormErrors errors = forms.problems(typed.request(secret));
        if (errors.any()) {
            flash.addFlashAttribute("formErrors", errors);
            return "redirect:/webhooks/" + id;
        }
        return FormOutcomes.attempt(flash, "/webhooks/" + id, "Saved the webhook.",
                () -> webhooks.update(requester, id, typed.request(secret)));
    }

    @PostMapping("/webhooks/{id}/enable")
    public String enable(Requester requester, @PathVariable long id, RedirectAttributes flash) {
        return FormOutcomes.attempt(flash, "/webhooks/" + id,
                "Enabled the webhook: its waiting deliveries go now.", () -> webhooks.enable(requester, id));
    }

    @PostMapping("/webhooks/{id}/disable")
    public String disable(Requester requester, @PathVariable long id, RedirectAttributes flash) {
        return FormOutcomes.attempt(flash, "/webhooks/" + id, "Disabled the webhook.",
                () -> webhooks.disable(requester, id));
    }

    @PostMapping("/webhooks/{id}/test")
    public String sendTest(Requester requester, @PathVariable long id, RedirectAttributes flash) {
        return FormOutcomes.attempt(flash, "/webhooks/" + id,
                "Queued a test event (ping); its attempt appears below within seconds.",
                () -> webhooks.sendTest(requester, id));
    }

    @PostMapping("/webhooks/{id}/deliveries/{deliveryId}/redeliver")
    public String redeliver(Requester requester, @PathVariable long id, @PathVariable String deliveryId,
            RedirectAttributes flash) {
        return FormOutcomes.attempt(flash, "/webhooks/" + id, "Queued delivery " + deliveryId + " again.",
                () -> webhooks.redeliver(requester, id, deliveryId));
    }

    @PostMapping("/webhooks/{id}/delete")
    public String delete(Requester requester, @PathVariable long id, RedirectAttributes flash) {
        WebhookView hook = webhooks.get(requester, id);
        return FormOutcomes.attempt(flash, WebhookPages.listAddress(hook), "/webhooks/" + id, "Deleted the webhook.",
                () -> webhooks.delete(requester, id));
    }
}
