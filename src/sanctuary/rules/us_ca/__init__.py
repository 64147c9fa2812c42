"""California's rules, one module per act, in the order the Government Code gives them."""

from . import trust_act, truth_act, values_act, worker_protection
from . import courthouses, detention, health_facilities, officer_identification, schools

DECISIONS = [*values_act.DECISIONS, *truth_act.DECISIONS, *worker_protection.DECISIONS,
             *courthouses.DECISIONS, *schools.DECISIONS, *health_facilities.DECISIONS, *detention.DECISIONS,
             *officer_identification.DECISIONS,
             values_act.model_policy,  # Gov. Code 7284.8(a), after the school and courthouse answers it accompanies
             values_act.model_policy_12532_5]  # Gov. Code 12532.5(a)(2), last for the same reason
VARIABLES = [*trust_act.VARIABLES]
