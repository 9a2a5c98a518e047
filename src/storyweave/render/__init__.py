"""Renderers: a Brief -> JSON contract (with its JSON Schema), Markdown for terminals, HTML pages.

Renderers never analyse: they read the JSON contract only (``brief_to_dict``), so a brief
loaded from storage renders exactly like a fresh one.
"""
from .json import SCHEMA_VERSION, BriefSchemaError, brief_to_dict, schema, validate
from .markdown import render_markdown


def render_html(brief):  # jinja2 is imported only when a page is wanted
    from .html import render_html as _render

    return _render(brief)


__all__ = ["SCHEMA_VERSION", "BriefSchemaError", "brief_to_dict", "render_html", "render_markdown",
           "schema", "validate"]
