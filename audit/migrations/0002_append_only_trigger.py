"""On PostgreSQL, a trigger makes the audit table append-only: UPDATE and DELETE raise.

Two exceptions: deleting a user or a content type sets the audit rows' reference to NULL
(the username copy keeps the trail readable), and `prune_audit` deletes old rows after setting
the transaction-local `audit.allow_prune` (AuditEventQuerySet.prune).
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION audit_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF current_setting('audit.allow_prune', true) = 'on' THEN
            RETURN OLD;
        END IF;
    ELSIF (to_jsonb(NEW) - 'actor_id' - 'content_type_id')
              = (to_jsonb(OLD) - 'actor_id' - 'content_type_id')
          AND (NEW.actor_id IS NULL OR NEW.actor_id = OLD.actor_id)
          AND (NEW.content_type_id IS NULL OR NEW.content_type_id = OLD.content_type_id) THEN
        -- ON DELETE SET NULL of the user or content type: the only change allowed.
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit events are append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_auditevent_append_only
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_auditevent_append_only();
"""

REVERSE = """
DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_auditevent_append_only();
"""


class PostgreSQLOnly(migrations.RunSQL):
    """RunSQL that does nothing on other databases (SQLite, the embedded default)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [PostgreSQLOnly(FUNCTION, REVERSE)]
