package io.wharf.index.team;

import io.wharf.index.requester.Requester;
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
@RequestMapping("/api/organizations/{organization}/teams")
public class TeamController {

    private final TeamService teams;

    public TeamController(TeamService teams) {
        this.teams = teams;
    }

    @GetMapping
    public List<TeamView> list(Requester requester, @PathVariable String organization) {
        return teams.list(requester, organization);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public TeamView create(Requester requester, @PathVariable String organization, @Valid @RequestBody TeamRequest request) {
        return teams.create(requester, organization, request);
    }

    @GetMapping("/{team}")
    public TeamView get(Requester requester, @PathVariable String organization, @PathVariable String team) {
        return teams.get(requester, organization, team);
    }

    /** Changes role, repositories and directory group; the body's name must be the team's. */
    @PutMapping("/{team}")
    public TeamView update(Requester requester, @PathVariable String organization, @PathVariable String team,
            @Valid @RequestBody TeamRequest request) {
        return teams.update(requester, organization, team, request);
    }

    @DeleteMapping("/{team}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(Requester requester, @PathVariable String organization, @PathVariable String team) {
        teams.delete(requester, organization, team);
    }

    @PutMapping("/{team}/members/{username}")
    public TeamView addMember(Requester requester, @PathVariable String organization, @PathVariable String team,
            @PathVariable String username) {
        return teams.addMember(requester, organization, team, username);
    }

    @DeleteMapping("/{team}/members/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void removeMember(Requester requester, @PathVariable String organization, @PathVariable String team,
            @PathVariable String username) {
        teams.removeMember(requester, organization, team, username);
    }
}
