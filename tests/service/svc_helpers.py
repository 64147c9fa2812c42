"""Helpers for the service tests (imported by name: tests/ has no packages)."""

from testkit import EXAMPLES, ROOT, example, free_port  # noqa: F401  (re-exported for the service tests)

PASSWORD = "correct horse battery staple"


def auth(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}




def append_from_two_stores(store, other, answer: dict, per_thread: int = 10):
    """Four threads append through two Store objects on one database (as two processes would); the chain report."""
    import threading

    def work(s):
        for _ in range(per_thread):
            s.append({"x": 1}, answer)
    ts = [threading.Thread(target=work, args=(s,)) for s in (store, other, store, other)]
    [t.start() for t in ts]
    [t.join() for t in ts]
    return store.verify()


def case_value(case, path):
    """The value at a questionnaire question's path in a case (attribute by attribute), or None where a step is absent."""
    obj = case
    for p in path:
        obj = getattr(obj, p, None)
        if obj is None:
            return None
    return obj
