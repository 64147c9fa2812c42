"""The decision record: decisions kept append-only, chained by hash, with their input, date and versions.

`Store.open(url_or_dir)` opens (and creates) the database: SQLite in a data directory by default, PostgreSQL by URL.
`append` writes one record durably (committed before it returns); `verify` walks the chain and names the first
changed, inserted or deleted row; `replay` decides a stored case again and says whether the answer agrees.
"""

from .record import (ChainProblem, DecisionRecord, Store, StoreError, TokenRow, UserRow, VerifyReport, canonical_json, data_dir_default,
                     database_url, probe_data_dir, strip_identifiers)

__all__ = ["Store", "StoreError", "TokenRow", "UserRow", "DecisionRecord", "VerifyReport", "ChainProblem", "canonical_json", "strip_identifiers",
           "data_dir_default", "database_url", "probe_data_dir"]
