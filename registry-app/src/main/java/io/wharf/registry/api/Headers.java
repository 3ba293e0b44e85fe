package io.wharf.registry.api;

/** Header names of the distribution API. */
final class Headers {

    static final String CONTENT_DIGEST = "Docker-Content-Digest";
    static final String UPLOAD_UUID = "Docker-Upload-UUID";
    static final String OCI_SUBJECT = "OCI-Subject";
    static final String OCI_TAG = "OCI-Tag";
    static final String OCI_FILTERS_APPLIED = "OCI-Filters-Applied";

    private Headers() {
    }
}
