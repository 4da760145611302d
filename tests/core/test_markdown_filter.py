"""The one Markdown filter: `{% load markdown %}`, rendering through core.markdown."""

import pytest
from django.template import Context, Template, TemplateSyntaxError


def test_the_filter_renders_markdown_without_anything_active():
    html = Template("{% load markdown %}{{ text|markdown }}").render(Context({
        "text": "**bold** <script>alert(1)</script> [x](javascript:alert(1))",
    }))
    assert "<strong>bold</strong>" in html
    assert "<script" not in html and "javascript:" not in html


@pytest.mark.parametrize("library", ["meetings_tags", "reports_tags"])
def test_the_app_tag_libraries_no_longer_carry_a_markdown_filter(library):
    with pytest.raises(TemplateSyntaxError):
        Template(f"{{% load {library} %}}{{{{ text|markdown }}}}")
