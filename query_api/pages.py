"""The page for people at `/`: a question/keyword box with answers, sources and SPARQL, and a SPARQL form."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("pages", __name__, template_folder="templates", static_folder="static", static_url_path="/static")


@bp.get("/")
def index():
    """The page; it calls /api/ask and /api/search from the browser (no external scripts or fonts)."""
    from query_api.ask import HELP_EXAMPLES

    # examples with a placeholder (某某局) would answer nothing when clicked: only whole questions are links
    examples = [text.split(" / ")[0] for _, _, text in HELP_EXAMPLES if "某" not in text.split(" / ")[0]][:6]
    return render_template("index.html", examples=examples)
