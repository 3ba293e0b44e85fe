package io.wharf.index.ui.admin;

import io.wharf.contract.proxy.ProxySettings;
import io.wharf.index.error.ApiException;
import io.wharf.index.error.FieldProblem;
import io.wharf.index.proxycache.PullThroughCacheAdministration;
import io.wharf.index.proxycache.PullThroughCacheRequest;
import io.wharf.index.proxycache.PullThroughCacheView;
import io.wharf.index.registry.RegistryUnavailableException;
import io.wharf.index.repository.Visibility;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.Requesters;
import io.wharf.index.ui.site.FormChoices;
import io.wharf.index.ui.site.FormErrors;
import io.wharf.index.ui.site.FormOutcomes;
import io.wharf.index.ui.site.FormValidator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administrators: the pull-through caches with their usage and counters, a form for a new one, and each one's edit
 * form (the password is never shown: left blank it stays) and delete button. The service decides; a refusal is shown
 * next to the field it is about, with what was typed.
 */
@Controller
public class AdminPullThroughCachesController {

    private static final String PAGE = "admin/proxies";
    private static final String EDIT_PAGE = "admin/proxy";

    private final PullThroughCacheAdministration administration;
    private final FormValidator forms;

    public AdminPullThroughCachesController(PullThroughCacheAdministration administration, FormValidator forms) {
        this.administration = administration;
        this.forms = forms;
    }

    /**
     * The form as typed: text as it came, numbers too, so that it can be shown again unchanged; globs one a line.
     */
    public record CacheForm(String name, String upstream, String username, String password,
            String revalidateAfterSeconds, String include, String exclude, String sizeLimitBytes, String mirror,
            String visibility) {

        static CacheForm blank() {
            return new CacheForm("", "", "", "", Long.toString(ProxySettings.DEFAULT_REVALIDATE_AFTER_SECONDS), "", "",
                    "", null, Visibility.PRIVATE.wireName());
        }

        static CacheForm of(PullThroughCacheView cache) {
            var registry = cache.registry();
            return new CacheForm(cache.name(), cache.upstream(), registry == null ? "" : nonNull(registry.username()),
                    "", registry == null ? "" : Long.toString(registry.revalidateAfterSeconds()),
                    registry == null ? "" : String.join("\n", registry.include()),
                    registry == null ? "" : String.join("\n", registry.exclude()),
                    registry == null || registry.sizeLimitBytes() == 0 ? "" : Long.toString(registry.sizeLimitBytes()),
                    cache.mirror() ? "on" : null, cache.visibility().wireName());
        }

        public boolean mirrors() {
            return mirror != null;
        }

        /** @throws ApiException 400 naming each field whose number cannot be read */
        PullThroughCacheRequest request() {
            List<FieldProblem> problems = new ArrayList<>();
            Long revalidate = number("revalidateAfterSeconds", revalidateAfterSeconds, problems);
            Long sizeLimit = number("sizeLimitBytes", sizeLimitBytes, problems);
            if (!problems.isEmpty()) {
                throw ApiException.invalid(problems);
            }
            return new PullThroughCacheRequest(upstream, username, password, revalidate, lines(include),
                    lines(exclude), sizeLimit, mirrors(),
                    visibility == null ? null : FormChoices.parse(Visibility.class, visibility));
        }

        private static Long number(String field, String text, List<FieldProblem> problems) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return Long.parseLong(text.strip());
            } catch (NumberFormatException notANumber) {
                problems.add(new FieldProblem(field, "Give a whole number, such as 3600; " + text.strip() + " is none."));
                return null;
            }
        }

        private static List<String> lines(String text) {
            return text == null ? List.of() : Arrays.stream(text.split("\\R"))
                    .map(String::strip).filter(line -> !line.isEmpty()).collect(Collectors.toList());
        }

        private static String nonNull(String text) {
            return text == null ? "" : text;
        }
    }

    @GetMapping("/admin/proxies")
    String list(Requester requester, Model model) {
        return showList(requester, CacheForm.blank(), model);
    }

    @PostMapping("/admin/proxies")
    String create(Requester requester, @ModelAttribute CacheForm form, Model model, RedirectAttributes flash) {
        Requesters.requireAdministrator(requester);
        String name = form.name() == null ? "" : form.name().strip();
        try {
            administration.create(requester, name, forms.requireValid(form.request()));
        } catch (ApiException refused) {
            return refusedForm(refused, model, () -> showList(requester, form, model));
        }
        flash.addFlashAttribute("notice", "Created the pull-through cache " + name + ": pull through it as "
                + name + "/<repository>.");
        return "redirect:/admin/proxies";
    }

    @GetMapping("/admin/proxies/{name}")
    String edit(Requester requester, @PathVariable String name, Model model) {
        PullThroughCacheView cache = administration.get(requester, name);
        return showEdit(cache, CacheForm.of(cache), model);
    }

    @PostMapping("/admin/proxies/{name}")
    String update(Requester requester, @PathVariable String name, @ModelAttribute CacheForm form, Model model,
            RedirectAttributes flash) {
        PullThroughCacheView cache = administration.get(requester, name);
        try {
            administration.update(requester, name, forms.requireValid(form.request()));
        } catch (ApiException refused) {
            return refusedForm(refused, model, () -> showEdit(cache, form, model));
        }
        flash.addFlashAttribute("notice", "Saved the pull-through cache " + name + ".");
        return "redirect:/admin/proxies";
    }

    @PostMapping("/admin/proxies/{name}/delete")
    String delete(Requester requester, @PathVariable String name, RedirectAttributes flash) {
        return FormOutcomes.attempt(flash, "/admin/proxies", "Deleted the pull-through cache " + name
                        + "; what it cached stays until its repositories are deleted.",
                () -> administration.delete(requester, name));
    }

    private static String refusedForm(ApiException refused, Model model, Supplier<String> page) {
        if (FormOutcomes.refusesTheRequester(refused)) {
            throw refused;
        }
        model.addAttribute("formErrors", FormErrors.of(refused));
        return page.get();
    }

    private String showList(Requester requester, CacheForm form, Model model) {
        try {
            model.addAttribute("caches", administration.list(requester));
        } catch (RegistryUnavailableException unavailable) {
            model.addAttribute("caches", List.of());
            model.addAttribute("error", "The pull-through caches cannot be read now: " + unavailable.getMessage());
        }
        model.addAttribute("form", form);
        return PAGE;
    }

    private static String showEdit(PullThroughCacheView cache, CacheForm form, Model model) {
        model.addAttribute("cache", cache);
        model.addAttribute("form", form);
        return EDIT_PAGE;
    }
}
