"""What other apps tell the audit app, registered from their `AppConfig.ready()` (the audit app
sits below them and imports none of them; core.checks proves every entry at start-up)."""

from core.registry import ModelRegistry, Registry

# `scope(user) -> Q` over AuditEvent: the part of the trail a supervisor reads is the union of
# every registered scope (superusers and staff with the permission read all of it).
event_scopes = Registry("audit event scopes", signature="scope(user) -> Q")

# Object pages by URL name: a 404 of such a page whose object exists is recorded as a refusal.
object_pages = ModelRegistry("audited object pages")

# The models whose django-simple-history records the "changes" tab lists, in this order.
history_models = ModelRegistry("audited change histories")
