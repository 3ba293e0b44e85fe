package io.wharf.index.image;

import java.util.Map;
import java.util.Set;

/** Human names of the artifact types people attach to images, and which of them sign one. */
public final class ArtifactTypes {

    public static final String COSIGN_SIGNATURE = "application/vnd.dev.cosign.artifact.sig.v1+json";
    public static final String NOTATION_SIGNATURE = "application/vnd.cncf.notary.signature";

    private static final Set<String> SIGNATURES = Set.of(COSIGN_SIGNATURE, NOTATION_SIGNATURE);
    private static final Map<String, String> NAMES = Map.of(
            COSIGN_SIGNATURE, "Cosign signature",
            NOTATION_SIGNATURE, "Notation signature",
            "application/spdx+json", "SPDX SBOM",
            "text/spdx", "SPDX SBOM",
            "application/vnd.cyclonedx+json", "CycloneDX SBOM",
            "application/vnd.cyclonedx+xml", "CycloneDX SBOM",
            "application/vnd.in-toto+json", "in-toto attestation",
            "application/vnd.dev.cosign.artifact.sbom.v1+json", "Cosign SBOM",
            "application/vnd.dsse.envelope.v1+json", "in-toto attestation (DSSE)");

    private ArtifactTypes() {
    }

    /** {@code Cosign signature}; the type itself when it has no common name. */
    public static String humanName(String artifactType) {
        return NAMES.getOrDefault(artifactType, artifactType.isEmpty() ? "artifact" : artifactType);
    }

    public static boolean isSignature(String artifactType) {
        return SIGNATURES.contains(artifactType);
    }
}
