"""The web app: factory, request database helpers, API, pages, errors. Flask lives here."""

from .factory import create_app

__all__ = ["create_app"]
