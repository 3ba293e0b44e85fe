package io.wharf.index.reconcile;

import io.wharf.index.requester.Requester;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/admin/reconcile}: administrators rebuild the index's metadata from the registry. */
@RestController
public class ReconcileController {

    private final RegistryReconciler reconciler;

    public ReconcileController(RegistryReconciler reconciler) {
        this.reconciler = reconciler;
    }

    @PostMapping("/api/admin/reconcile")
    public ReconcileReport reconcile(Requester requester) {
        return reconciler.reconcile(requester);
    }
}

