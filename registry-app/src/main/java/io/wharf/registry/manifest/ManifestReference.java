package io.wharf.registry.manifest;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A blob or child manifest a manifest references: what garbage collection must keep. */
@Entity
@Table(name = "manifest_reference")
public class ManifestReference {

    public enum Kind { BLOB, MANIFEST }

    @EmbeddedId
    private Key id;

    protected ManifestReference() {
    }

    public ManifestReference(long manifestId, String childDigest, Kind kind) {
        this.id = new Key(manifestId, childDigest, kind.name());
    }

    @Embeddable
    public record Key(@Column(name = "manifest_id") Long manifestId, @Column(name = "child_digest") String childDigest,
            @Column(name = "kind") String kind) implements Serializable {
    }
}
