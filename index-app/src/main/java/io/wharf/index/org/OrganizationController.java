package io.wharf.index.org;

import io.wharf.index.requester.Requester;
import io.wharf.index.role.RoleRequest;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/organizations")
public class OrganizationController {

    private final OrganizationService organizations;

    public OrganizationController(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public OrganizationView create(Requester requester, @Valid @RequestBody CreateOrganizationRequest request) {
        return organizations.create(requester, request);
    }

    @GetMapping
    public List<OrganizationView> list(Requester requester) {
        return organizations.list(requester);
    }

    @GetMapping("/{name}")
    public OrganizationView get(Requester requester, @PathVariable String name) {
        return organizations.get(requester, name);
    }

    @GetMapping("/{name}/members")
    public List<MemberView> members(Requester requester, @PathVariable String name) {
        return organizations.members(requester, name);
    }

    @PutMapping("/{name}/members/{username}")
    public MemberView putMember(Requester requester, @PathVariable String name, @PathVariable String username,
            @Valid @RequestBody RoleRequest request) {
        return organizations.putMember(requester, name, username, request.role());
    }

    @DeleteMapping("/{name}/members/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void removeMember(Requester requester, @PathVariable String name, @PathVariable String username) {
        organizations.removeMember(requester, name, username);
    }
}
