package io.wharf.registry.gc;

import io.wharf.registry.storage.StorageLayout;
import io.wharf.registry.upload.UploadService;
import io.wharf.registry.upload.Uploads;
import io.wharf.storage.FileInfo;
import io.wharf.storage.PathNotFoundException;
import io.wharf.storage.StorageDriver;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Upload folders ({@code /uploads/<id>/}) that no session row owns: ending a session deletes its row, then its data,
 * so a crash between the two leaves the data behind for good. A folder goes only when its newest file is older than
 * {@code modifiedBefore} (the upload expiry): a session's row is written before any of its data, so a folder without
 * a row is either such a leftover or data a request wrote into a session ended meanwhile (which that request removes
 * itself); a session being created right now always has a row and young data, and is never touched.
 */
@Component
class OrphanedUploads {

    private final StorageDriver driver;
    private final Uploads uploads;

    OrphanedUploads(StorageDriver driver, Uploads uploads) {
        this.driver = driver;
        this.uploads = uploads;
    }

    /** The folders without a session row whose content was last modified before {@code modifiedBefore}. */
    List<String> find(Instant modifiedBefore) throws IOException {
        List<String> folders;
        try {
            folders = driver.list(StorageLayout.UPLOADS);
        } catch (PathNotFoundException noUploadsYet) {
            return List.of();
        }
        List<String> orphans = new ArrayList<>();
        for (String folder : folders) {
            String id = StorageLayout.uploadIdOf(folder);
            // Only names the registry gives sessions: anything else below the folder is not ours to judge.
            if (UploadService.isUploadId(id) && !uploads.existsById(id)
                    && lastModified(folder).filter(at -> at.isBefore(modifiedBefore)).isPresent()) {
                orphans.add(folder);
            }
        }
        return orphans;
    }

    /** Deletes a folder {@link #find} returned; false when it was gone already (another replica, an expiry). */
    boolean remove(String folder) throws IOException {
        try {
            driver.delete(folder);
            return true;
        } catch (PathNotFoundException gone) {
            return false;
        }
    }

    /**
     * The newest modification time of the files below {@code path} (the folder's own when it holds none, as an
     * empty directory on the filesystem): on S3 a folder's stat tells only its first object's. Empty when it vanished.
     */
    private Optional<Instant> lastModified(String path) throws IOException {
        try {
            FileInfo info = driver.stat(path);
            if (!info.directory()) {
                return Optional.of(info.modifiedAt());
            }
            Instant newest = info.modifiedAt();
            for (String child : driver.list(path)) {
                Optional<Instant> childModified = lastModified(child);
                if (childModified.isEmpty()) {
                    return Optional.empty();
                }
                if (childModified.get().isAfter(newest)) {
                    newest = childModified.get();
                }
            }
            return Optional.of(newest);
        } catch (PathNotFoundException vanished) {
            return Optional.empty();
        }
    }
}
