"""California's rules, one module per act, in the order the Government Code gives them."""

from . import trust_act, truth_act, values_act, worker_protection

DECISIONS = [*values_act.DECISIONS, *truth_act.DECISIONS, *worker_protection.DECISIONS]
VARIABLES = [*trust_act.VARIABLES]
