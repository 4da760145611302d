from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from people.templatetags.people_tags import passport

register = template.Library()
# The register's passport filter, for the report pages that name people.
register.filter("passport", passport)


@register.simple_tag
def report_badges(report):
    """The status, grading and priority badges of a report. Written in Python rather than as an
    included template: the report list shows them on every row."""
    return format_html(
        '<span class="badge rounded-pill status-badge status-{}">{}</span>\n'
        '<span class="badge text-bg-dark" title="{}: {}; {}">{}</span>\n'
        '<span class="badge priority-badge priority-{}">{}</span>',
        report.status, report.get_status_display(),
        gettext("Admiralty grading"), report.get_source_reliability_display(),
        report.get_information_credibility_display(), report.grading,
        report.priority, report.get_priority_display(),
    )
