"""The village page's extension point: other apps register `panel(request, desa_binaan) -> safe
HTML` ("" shows nothing) from their AppConfig.ready()."""

from core.registry import Registry

village_page_panels = Registry(
    "village page panels", signature="panel(request, desa_binaan) -> safe HTML"
)
