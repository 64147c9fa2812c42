"""California's rules, one module per act, in the order the Government Code gives them."""

from . import trust_act, truth_act, values_act

DECISIONS = [*values_act.DECISIONS, *truth_act.DECISIONS]
VARIABLES = [*trust_act.VARIABLES]
