package io.wharf.index.accesstoken;

import io.wharf.index.repository.ImageRepository;
import io.wharf.index.role.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A robot's role on one repository of its namespace. */
@Entity
@Table(name = "robot_permission")
public class RobotPermission {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "robot_id", updatable = false)
    private Robot robot;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "repository_id", updatable = false)
    private ImageRepository repository;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    protected RobotPermission() {
    }

    public RobotPermission(Robot robot, ImageRepository repository, Role role) {
        this.robot = robot;
        this.repository = repository;
        this.role = role;
    }

    public ImageRepository repository() {
        return repository;
    }

    public Role role() {
        return role;
    }
}
