"""The base of every model of the case vocabulary (its own module so that case.py and places.py can both import it
without importing each other half-way)."""

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """Unknown fields are refused: a misspelt field must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", use_enum_values=False, str_strip_whitespace=True)
