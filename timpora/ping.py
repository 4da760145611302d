"""`/ping/`: the cheapest page a signed-in user can ask for (session, user, middleware, no
template): what a load balancer's signed-in check and the benchmark's floor measure."""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
@never_cache
def ping(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
