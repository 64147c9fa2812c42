"""sanctuary: immigration-enforcement cooperation law, as code."""

__version__ = "0.1.0"
