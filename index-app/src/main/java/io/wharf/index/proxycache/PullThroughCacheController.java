package io.wharf.index.proxycache;

import io.wharf.index.requester.Requester;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Administrators' REST API of pull-through caches; {@code PUT} creates a cache or replaces its settings. */
@RestController
@RequestMapping("/api/admin/proxies")
public class PullThroughCacheController {

    private final PullThroughCacheAdministration administration;

    public PullThroughCacheController(PullThroughCacheAdministration administration) {
        this.administration = administration;
    }

    @GetMapping
    public List<PullThroughCacheView> list(Requester requester) {
        return administration.list(requester);
    }

    @GetMapping("/{name}")
    public PullThroughCacheView get(Requester requester, @PathVariable String name) {
        return administration.get(requester, name);
    }

    @PutMapping("/{name}")
    public ResponseEntity<PullThroughCacheView> put(Requester requester, @PathVariable String name,
            @Valid @RequestBody PullThroughCacheRequest request) {
        if (administration.exists(requester, name)) {
            return ResponseEntity.ok(administration.update(requester, name, request));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(administration.create(requester, name, request));
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(Requester requester, @PathVariable String name) {
        administration.delete(requester, name);
    }
}
