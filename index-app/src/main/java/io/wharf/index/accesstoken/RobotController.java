package io.wharf.index.accesstoken;

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

/** {@code /api/namespaces/{namespace}/robots}: robot accounts, their permissions and their tokens. */
@RestController
@RequestMapping("/api/namespaces/{namespace}/robots")
public class RobotController {

    private final RobotService robots;
    private final AccessTokenService accessTokens;

    public RobotController(RobotService robots, AccessTokenService accessTokens) {
        this.robots = robots;
        this.accessTokens = accessTokens;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public RobotView create(Requester requester, @PathVariable String namespace,
            @Valid @RequestBody CreateRobotRequest request) {
        return robots.create(requester, namespace, request);
    }

    @GetMapping
    public List<RobotView> list(Requester requester, @PathVariable String namespace) {
        return robots.list(requester, namespace);
    }

    @GetMapping("/{robot}")
    public RobotView get(Requester requester, @PathVariable String namespace, @PathVariable String robot) {
        return robots.get(requester, namespace, robot);
    }

    @DeleteMapping("/{robot}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(Requester requester, @PathVariable String namespace, @PathVariable String robot) {
        robots.delete(requester, namespace, robot);
    }

    @PutMapping("/{robot}/permissions")
    public RobotView setPermissions(Requester requester, @PathVariable String namespace, @PathVariable String robot,
            @Valid @RequestBody SetRobotPermissionsRequest request) {
        return robots.setPermissions(requester, namespace, robot, request);
    }

    @PostMapping("/{robot}/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    public AccessTokenView createToken(Requester requester, @PathVariable String namespace,
            @PathVariable String robot, @Valid @RequestBody CreateAccessTokenRequest request) {
        return accessTokens.create(requester, robots.tokenOwner(requester, namespace, robot), request);
    }

    @GetMapping("/{robot}/tokens")
    public List<AccessTokenView> listTokens(Requester requester, @PathVariable String namespace,
            @PathVariable String robot) {
        return accessTokens.list(robots.tokenOwner(requester, namespace, robot));
    }

    @DeleteMapping("/{robot}/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void revokeToken(Requester requester, @PathVariable String namespace, @PathVariable String robot,
            @PathVariable long id) {
        accessTokens.revoke(requester, robots.tokenOwner(requester, namespace, robot), id);
    }
}
