package io.wharf.registry.clients;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes OCI image layouts (image-layout spec: {@code oci-layout}, {@code index.json}, {@code blobs/sha256/...}) made
 * of random content, for clients such as skopeo to copy with the {@code oci:DIR:TAG} transport. There is no internet
 * here to pull real images from; random content also makes every blob new to the registry.
 * <p>
 * Layers are real gzip'ed tar archives and each config lists their uncompressed digests as {@code rootfs.diff_ids},
 * so strict clients accept the images.
 */
public final class OciLayouts {

    public static final String IMAGE_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String IMAGE_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String IMAGE_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String LAYER_TAR_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

    private static final String REF_NAME_ANNOTATION = "org.opencontainers.image.ref.name";
    private static final int FILES_PER_LAYER = 2;
    private static final int MAX_FILE_SIZE = 16 * 1024;
    private static final int TAR_BLOCK = 512;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OciLayouts() {
    }

    /** An OCI platform, as written into an index's manifest descriptors and into image configs. */
    public record Platform(String os, String architecture) {
        public static final Platform LINUX_AMD64 = new Platform("linux", "amd64");
        public static final Platform LINUX_ARM64 = new Platform("linux", "arm64");
    }

    /** An OCI content descriptor. */
    public record Descriptor(String mediaType, String digest, long size) {
    }

    /** Writes a layout holding one linux/amd64 image of {@code layerCount} random layers under {@code tag}. */
    public static Descriptor writeImage(Path layoutDirectory, String tag, int layerCount) {
        Descriptor manifest = writeImageBlobs(layoutDirectory, Platform.LINUX_AMD64, layerCount);
        writeLayoutFiles(layoutDirectory, tag, manifest);
        return manifest;
    }

    /** Writes a layout holding an image index under {@code tag}: one random image per platform. */
    public static Descriptor writeIndex(Path layoutDirectory, String tag, int layersPerImage,
            List<Platform> platforms) {
        ArrayNode manifests = JSON.createArrayNode();
        for (Platform platform : platforms) {
            Descriptor manifest = writeImageBlobs(layoutDirectory, platform, layersPerImage);
            manifests.add(descriptorJson(manifest)
                    .set("platform", JSON.createObjectNode()
                            .put("architecture", platform.architecture())
                            .put("os", platform.os())));
        }
        ObjectNode index = JSON.createObjectNode()
                .put("schemaVersion", 2)
                .put("mediaType", IMAGE_INDEX)
                .set("manifests", manifests);
        Descriptor indexDescriptor = writeBlob(layoutDirectory, IMAGE_INDEX, JSON.writeValueAsBytes(index));
        writeLayoutFiles(layoutDirectory, tag, indexDescriptor);
        return indexDescriptor;
    }

    /** The descriptor that {@code index.json} names {@code tag}, as written by us or by a client. */
    public static Descriptor taggedDescriptor(Path layoutDirectory, String tag) {
        JsonNode index = JSON.readTree(layoutDirectory.resolve("index.json").toFile());
        for (JsonNode manifest : index.path("manifests")) {
            if (tag.equals(manifest.path("annotations").path(REF_NAME_ANNOTATION).asString(null))) {
                return new Descriptor(manifest.path("mediaType").asString(), manifest.path("digest").asString(),
                        manifest.path("size").asLong());
            }
        }
        throw new AssertionError("no manifest tagged " + tag + " in " + layoutDirectory.resolve("index.json"));
    }

    public static Path blobPath(Path layoutDirectory, String digest) {
        String[] algorithmAndHex = digest.split(":", 2);
        return layoutDirectory.resolve("blobs").resolve(algorithmAndHex[0]).resolve(algorithmAndHex[1]);
    }

    /** The digests of every blob in the layout, sorted. */
    public static List<String> blobDigests(Path layoutDirectory) {
        try (Stream<Path> blobs = Files.list(layoutDirectory.resolve("blobs").resolve("sha256"))) {
            return blobs.map(blob -> "sha256:" + blob.getFileName()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Descriptor writeImageBlobs(Path layoutDirectory, Platform platform, int layerCount) {
        ArrayNode layers = JSON.createArrayNode();
        ArrayNode diffIds = JSON.createArrayNode();
        for (int i = 0; i < layerCount; i++) {
            byte[] tar = randomTar("layer-" + i);
            diffIds.add(Digests.sha256(tar));
            layers.add(descriptorJson(writeBlob(layoutDirectory, LAYER_TAR_GZIP, gzip(tar))));
        }
        ObjectNode config = JSON.createObjectNode()
                .put("architecture", platform.architecture())
                .put("os", platform.os());
        config.putObject("rootfs").put("type", "layers").set("diff_ids", diffIds);
        Descriptor configDescriptor = writeBlob(layoutDirectory, IMAGE_CONFIG, JSON.writeValueAsBytes(config));

        ObjectNode manifest = JSON.createObjectNode()
                .put("schemaVersion", 2)
                .put("mediaType", IMAGE_MANIFEST);
        manifest.set("config", descriptorJson(configDescriptor));
        manifest.set("layers", layers);
        return writeBlob(layoutDirectory, IMAGE_MANIFEST, JSON.writeValueAsBytes(manifest));
    }

    private static void writeLayoutFiles(Path layoutDirectory, String tag, Descriptor tagged) {
        ObjectNode entry = descriptorJson(tagged);
        entry.putObject("annotations").put(REF_NAME_ANNOTATION, tag);
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
        index.putArray("manifests").add(entry);
        try {
            Files.writeString(layoutDirectory.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            Files.write(layoutDirectory.resolve("index.json"), JSON.writeValueAsBytes(index));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Descriptor writeBlob(Path layoutDirectory, String mediaType, byte[] content) {
        Descriptor descriptor = new Descriptor(mediaType, Digests.sha256(content), content.length);
        Path blob = blobPath(layoutDirectory, descriptor.digest());
        try {
            Files.createDirectories(blob.getParent());
            Files.write(blob, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return descriptor;
    }

    private static ObjectNode descriptorJson(Descriptor descriptor) {
        return JSON.createObjectNode()
                .put("mediaType", descriptor.mediaType())
                .put("digest", descriptor.digest())
                .put("size", descriptor.size());
    }

    private static byte[] randomTar(String namePrefix) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < FILES_PER_LAYER; i++) {
            byte[] content = new byte[1 + ThreadLocalRandom.current().nextInt(MAX_FILE_SIZE)];
            ThreadLocalRandom.current().nextBytes(content);
            files.put(namePrefix + "-file-" + i + ".bin", content);
        }
        return tar(files);
    }

    /** A minimal POSIX ustar archive of regular files (names under 100 bytes); enough for a layer. */
    private static byte[] tar(Map<String, byte[]> files) {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        files.forEach((name, content) -> {
            byte[] header = new byte[TAR_BLOCK];
            putAscii(header, 0, name);
            putAscii(header, 100, "0000644");
            putAscii(header, 108, "0000000");
            putAscii(header, 116, "0000000");
            putAscii(header, 124, String.format("%011o", content.length));
            putAscii(header, 136, String.format("%011o", 0));
            header[156] = '0';
            putAscii(header, 257, "ustar");
            putAscii(header, 263, "00");
            // The checksum is computed with its own field read as eight spaces.
            putAscii(header, 148, "        ");
            int checksum = 0;
            for (byte b : header) {
                checksum += b & 0xff;
            }
            putAscii(header, 148, String.format("%06o", checksum) + "\0 ");
            archive.writeBytes(header);
            archive.writeBytes(content);
            archive.writeBytes(new byte[(TAR_BLOCK - content.length % TAR_BLOCK) % TAR_BLOCK]);
        });
        archive.writeBytes(new byte[2 * TAR_BLOCK]);
        return archive.toByteArray();
    }

    private static void putAscii(byte[] target, int offset, String value) {
        byte[] bytes = value.getBytes(US_ASCII);
        System.arraycopy(bytes, 0, target, offset, bytes.length);
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }
}
