"""The service: the HTTP API (/api/v1), the web questionnaire (/) and their access control. Thin shells over
`default_rulebook().decide(case, as_of)`; `create_app(Settings(...))` builds the FastAPI app. Imported lazily so
the CLI does not load FastAPI for commands that do not serve."""

__all__ = ["create_app", "Settings"]


def __getattr__(name):
    if name == "create_app":
        from .app import create_app
        return create_app
    if name == "Settings":
        from .config import Settings
        return Settings
    raise AttributeError(name)
