package io.wharf.index.accesstoken;

import io.wharf.index.audit.AuditTarget;
import io.wharf.index.audit.AuditTrail;
import io.wharf.index.error.ApiException;
import io.wharf.index.namespace.Namespaces;
import io.wharf.index.repository.ImageRepositories;
import io.wharf.index.repository.ImageRepository;
import io.wharf.index.repository.RepositoryPath;
import io.wharf.index.repository.RepositoryPermissions;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.Requesters;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Robot accounts of a namespace, managed by those who manage the namespace: its owner, the admins of
 * an organization, and system administrators.
 */
@Service
@Transactional
public class RobotService {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:[_-][a-z0-9]+)*");
    private static final int MAX_NAME_LENGTH = 30;

    private final Robots robots;
    private final RobotPermissions robotPermissions;
    private final ImageRepositories repositories;
    private final Namespaces namespaces;
    private final RepositoryPermissions permissions;
    private final AccessTokenService accessTokens;
    private final AuditTrail auditTrail;
    private final Clock clock;

    public RobotService(Robots robots, RobotPermissions robotPermissions, ImageRepositories repositories,
            Namespaces namespaces, RepositoryPermissions permissions, AccessTokenService accessTokens,
            AuditTrail auditTrail, Clock clock) {
        this.auditTrail = auditTrail;
        this.robots = robots;
        this.robotPermissions = robotPermissions;
        this.repositories = repositories;
        this.namespaces = namespaces;
        this.permissions = permissions;
        this.accessTokens = accessTokens;
        this.clock = clock;
    }

    public RobotView create(Requester requester, String namespace, CreateRobotRequest request) {
        requireManager(requester, namespace);
        if (request.name().length() > MAX_NAME_LENGTH || !NAME.matcher(request.name()).matches()) {
            throw ApiException.badRequest("A robot's name is up to " + MAX_NAME_LENGTH
                    + " lowercase letters and digits, optionally joined by single '-' or '_'.").onField("name");
        }
        if (robots.findByNamespaceAndName(namespace, request.name()).isPresent()) {
            throw ApiException.conflict("The robot " + namespace + Robot.SEPARATOR + request.name() + " exists already.")
                    .onField("name");
        }
        String description = request.description() == null ? "" : request.description();
        Robot robot = robots.save(new Robot(namespace, request.name(), description, clock.instant()));
        auditTrail.record(requester, "robot.created", AuditTarget.robot(robot.fullName()), Map.of(),
                Map.of("description", description));
        return view(robot);
    }

    @Transactional(readOnly = true)
    public List<RobotView> list(Requester requester, String namespace) {
        requireManager(requester, namespace);
        return robots.findByNamespaceOrderByName(namespace).stream().map(this::view).toList();
    }

    @Transactional(readOnly = true)
    public RobotView get(Requester requester, String namespace, String name) {
        return view(robot(requester, namespace, name));
    }

    /** Deletes the robot with its tokens (and the refresh tokens made from them) and permissions. */
    public void delete(Requester requester, String namespace, String name) {
        Robot robot = robot(requester, namespace, name);
        // Its permissions are in the entries of their changes: loaded here, they would outlive the bulk delete below.
        auditTrail.record(requester, "robot.deleted", AuditTarget.robot(robot.fullName()),
                Map.of("description", robot.description()), Map.of());
        accessTokens.revokeAll(new TokenOwner.OfRobot(robot.id()));
        robotPermissions.deleteByRobotId(robot.id());
        robots.delete(robot);
    }

    /** Replaces all of the robot's permissions; each repository must exist in the robot's namespace. */
    public RobotView setPermissions(Requester requester, String namespace, String name, SetRobotPermissionsRequest request) {
        Robot robot = robot(requester, namespace, name);
        Set<String> seen = new HashSet<>();
        List<RobotPermission> replacements = request.permissions().stream().map(permission -> {
            if (!seen.add(permission.repository())) {
                throw ApiException.badRequest(permission.repository() + " is listed twice");
            }
            return new RobotPermission(robot, repositoryOf(namespace, permission.repository()), permission.role());
        }).toList();
        List<String> before = permissionsOf(robot);
        robotPermissions.deleteByRobotId(robot.id());
        robotPermissions.saveAll(replacements);
        List<String> after = replacements.stream().map(RobotService::describe).sorted().toList();
        if (!before.equals(after)) {
            auditTrail.record(requester, "robot.permissions-changed", AuditTarget.robot(robot.fullName()),
                    Map.of("permissions", before), Map.of("permissions", after));
        }
        return view(robot);
    }

    /** The robot's permissions as {@code <repository>=<role>}, sorted. */
    private List<String> permissionsOf(Robot robot) {
        return robotPermissions.findByRobotId(robot.id()).stream().map(RobotService::describe).sorted().toList();
    }

    private static String describe(RobotPermission permission) {
        return permission.repository().fullName() + "=" + permission.role().wireName();
    }

    /** The robot as the owner of access tokens, once the requester is allowed to manage it. */
    @Transactional(readOnly = true)
    public TokenOwner tokenOwner(Requester requester, String namespace, String name) {
        return new TokenOwner.OfRobot(robot(requester, namespace, name).id());
    }

    private ImageRepository repositoryOf(String namespace, String fullName) {
        RepositoryPath path = RepositoryPath.parse(fullName)
                .filter(parsed -> parsed.namespace().equals(namespace))
                .orElseThrow(() -> ApiException.badRequest(
                        fullName + " is not a repository name in " + namespace + "; robots act only in their namespace"));
        return repositories.find(path).orElseThrow(() -> ApiException.notFound("no repository " + fullName));
    }

    private Robot robot(Requester requester, String namespace, String name) {
        requireManager(requester, namespace);
        return robots.findByNamespaceAndName(namespace, name)
                .orElseThrow(() -> ApiException.notFound("no robot " + namespace + Robot.SEPARATOR + name));
    }

    private void requireManager(Requester requester, String namespace) {
        Requesters.requireUser(requester);
        if (!namespaces.existsById(namespace)) {
            throw ApiException.notFound("no user or organization is named " + namespace);
        }
        if (!permissions.mayManageNamespace(requester, namespace)) {
            throw ApiException.forbidden("only admins of " + namespace + " manage its robots");
        }
    }

    private RobotView view(Robot robot) {
        List<RobotPermissionView> granted = robotPermissions.findByRobotId(robot.id()).stream()
                .map(RobotPermissionView::of)
                .sorted((first, second) -> first.repository().compareTo(second.repository()))
                .toList();
        return new RobotView(robot.fullName(), robot.namespace(), robot.description(), robot.createdAt(), granted);
    }
}
