"""The page for people at `/`: a question/keyword box with answers, sources and SPARQL, and a SPARQL form."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("pages", __name__)
