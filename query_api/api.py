"""JSON API for people-facing features: /api/search, /api/ask, /api/ask/help, /api/path."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("api", __name__)
