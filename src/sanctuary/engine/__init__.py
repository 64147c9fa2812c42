"""The rule layer: expressions, decisions with exceptions, dated overlays, and the two ways to run them."""
from .expr import AnyRecord, Const, Env, Expr, Fact, IsTrue, Variable, WithinYears, variable
from .rules import TRUE, Decision, Duty, Outcome, Overlay, Penalty, Rule, Status

__all__ = ["AnyRecord", "Const", "Env", "Expr", "Fact", "IsTrue", "Variable", "WithinYears", "variable",
           "TRUE", "Decision", "Duty", "Outcome", "Overlay", "Penalty", "Rule", "Status"]
