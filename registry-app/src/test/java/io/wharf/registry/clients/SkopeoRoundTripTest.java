package io.wharf.registry.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.wharf.registry.clients.OciLayouts.Descriptor;
import io.wharf.registry.clients.OciLayouts.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** skopeo copies generated OCI layouts into the registry and back out; nothing may change by a byte. */
class SkopeoRoundTripTest extends RegistryClientTestBase {

    private static final String TAG = "v1";

    private final Skopeo skopeo = Skopeo.anonymous();

    @TempDir
    Path work;

    @Test
    void multiLayerImageComesBackUnchanged() throws Exception {
        Path source = work.resolve("source");
        Descriptor manifest = OciLayouts.writeImage(Files.createDirectories(source), TAG, 3);
        String repository = "docker://" + registry() + "/team/sub/app";

        skopeo.copy(oci(source), repository + ":1");

        assertThat(skopeo.inspectRaw(repository + ":1"))
                .isEqualTo(Files.readString(OciLayouts.blobPath(source, manifest.digest())));
        assertCopiedBack(source, repository + ":1", false);
        assertCopiedBack(source, repository + "@" + manifest.digest(), false);
    }

    @Test
    void multiPlatformIndexComesBackUnchanged() throws Exception {
        Path source = work.resolve("source");
        Descriptor index = OciLayouts.writeIndex(Files.createDirectories(source), TAG, 2,
                List.of(Platform.LINUX_AMD64, Platform.LINUX_ARM64));
        String repository = "docker://" + registry() + "/team/sub/app";

        skopeo.copyAll(oci(source), repository + ":multi-platform");

        assertThat(skopeo.inspectRaw(repository + ":multi-platform"))
                .isEqualTo(Files.readString(OciLayouts.blobPath(source, index.digest())));
        assertCopiedBack(source, repository + ":multi-platform", true);
        assertCopiedBack(source, repository + "@" + index.digest(), true);
    }

    /** Copies {@code remote} into a new layout and compares it with {@code source}: same root, same blob bytes. */
    private void assertCopiedBack(Path source, String remote, boolean all) throws Exception {
        Path copy = Files.createTempDirectory(work, "copy-");
        if (all) {
            skopeo.copyAll(remote, oci(copy));
        } else {
            skopeo.copy(remote, oci(copy));
        }

        assertThat(OciLayouts.taggedDescriptor(copy, TAG)).isEqualTo(OciLayouts.taggedDescriptor(source, TAG));
        List<String> blobs = OciLayouts.blobDigests(source);
        assertThat(OciLayouts.blobDigests(copy)).isEqualTo(blobs);
        for (String digest : blobs) {
            assertThat(Files.mismatch(OciLayouts.blobPath(source, digest), OciLayouts.blobPath(copy, digest)))
                    .as("bytes of blob %s", digest)
                    .isEqualTo(-1L);
        }
    }

    private static String oci(Path layout) {
        return "oci:" + layout + ":" + TAG;
    }
}
