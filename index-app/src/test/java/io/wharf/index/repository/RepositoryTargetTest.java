package io.wharf.index.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.index.api.ApiException;
import org.junit.jupiter.api.Test;

class RepositoryTargetTest {

    @Test
    void namesARepositoryWhoseNameHasSlashes() {
        RepositoryTarget target = RepositoryTarget.parse("/acme/team/app");

        assertThat(target.repository()).isEqualTo(new RepositoryPath("acme", "team/app"));
        assertThat(target.isRepository()).isTrue();
    }

    @Test
    void subresourcesFollowTheMarker() {
        RepositoryTarget collection = RepositoryTarget.parse("/acme/team/app/-/collaborators");
        RepositoryTarget member = RepositoryTarget.parse("/acme/app/-/collaborators/bobby");

        assertThat(collection.repository().fullName()).isEqualTo("acme/team/app");
        assertThat(collection.is("collaborators")).isTrue();
        assertThat(collection.memberOf("collaborators")).isEmpty();
        assertThat(member.memberOf("collaborators")).contains("bobby");
        assertThat(member.isRepository()).isFalse();
    }

    @Test
    void unknownSubresourcesAreNotMembers() {
        assertThat(RepositoryTarget.parse("/acme/app/-/tags/latest").memberOf("collaborators")).isEmpty();
        assertThat(RepositoryTarget.parse("/acme/app/-/collaborators/").memberOf("collaborators")).isEmpty();
        assertThat(RepositoryTarget.parse("/acme/app/-/collaborators/a/b").memberOf("collaborators")).isEmpty();
    }

    @Test
    void aTopLevelNameIsTheLibraryOrganizationsRepository() {
        assertThat(RepositoryTarget.parse("/busybox/-/tags").repository())
                .isEqualTo(new RepositoryPath("library", "busybox"));
    }

    @Test
    void namesOutsideTheIndexAreNotFound() {
        assertThatThrownBy(() -> RepositoryTarget.parse("/Acme/app")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> RepositoryTarget.parse("/acme/app/")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> RepositoryTarget.parse("/abc/app")).isInstanceOf(ApiException.class);
    }
}
