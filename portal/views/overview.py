"""Pages that bring the apps together: the search across them and the map. They live in the
portal, the top layer, which may import every app."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

import audit
from portal.map import map_markers
from portal.search import SearchForm, search_everything
from reports import rules


@require_GET
def search(request):
    form = SearchForm(request.GET) if "q" in request.GET else SearchForm()
    results = None
    if form.is_bound and form.is_valid():
        results = search_everything(user=request.user, text=form.cleaned_data["q"])
        # The number of results only: the search text may be a name or a passport number.
        audit.record(request, audit.Action.SEARCH,
                     results=sum(len(group.items) for group in results.values()))
    return render(request, "search/results.html", {
        "form": form, "results": results,
        "passports_searched": rules.can_see_passports(request.user),
    })


@require_GET
def map_page(request):
    return render(request, "map/map.html", {
        "markers": map_markers(request.user),
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        "center": settings.MAP_DEFAULT_CENTER,
        "zoom": settings.MAP_DEFAULT_ZOOM,
    })


@require_GET
def map_markers_json(request):
    return JsonResponse(map_markers(request.user))
