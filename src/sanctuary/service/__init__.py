"""The service: the HTTP API (/api/v1), the web questionnaire (/) and their access control. Thin shells over
`default_rulebook().decide(case, as_of)`; `create_app(Settings(...))` builds the FastAPI app."""

from .app import create_app
from .config import Settings

__all__ = ["create_app", "Settings"]
