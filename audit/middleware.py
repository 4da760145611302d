"""Refusals: a 403 to a signed-in user, and a 404 of an object page whose object exists but is not
visible to the user (the apps name those pages and their models in audit.hooks.object_pages).

The event is written after the view's transaction (ATOMIC_REQUESTS rolls back a view that raised
Http404 or PermissionDenied), and the existence check runs only on the refused path, so a page
that is answered costs nothing here.
"""

from django.apps import apps

from audit import Action, hooks, record


class AuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code in (403, 404):
            self.refused(request, response.status_code)
        return response

    @staticmethod
    def refused(request, status: int) -> None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return
        obj = None
        match = getattr(request, "resolver_match", None)
        label = hooks.object_pages.get(match.view_name) if match else None
        code = match.kwargs.get("code") if match else None
        if label and code:
            obj = apps.get_model(label)._base_manager.filter(code=code).first()
        if status == 404 and obj is None:
            return  # a page or object that does not exist: nothing was refused
        record(request, Action.REFUSED, obj, status=status)
