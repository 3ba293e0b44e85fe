package io.wharf.index.team;

import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MappedSuperclass;

/** A row that belongs to a team: one of its members ({@link TeamMember}) or repositories ({@link TeamRepository}). */
@MappedSuperclass
abstract class TeamRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "team_id", updatable = false)
    private Team team;

    protected TeamRow() {
    }

    protected TeamRow(Team team) {
        this.team = team;
    }

    public Team team() {
        return team;
    }
}
