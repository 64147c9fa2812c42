"""The rules, per jurisdiction and act. `all_decisions()` gathers every module's decisions for the rulebook."""


def all_decisions():
    from . import us_ca

    return list(us_ca.DECISIONS)
