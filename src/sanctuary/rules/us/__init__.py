"""Federal law beside the state answers: what each federal request form and ask is, and under which provision."""

from .federal import ASKS, FORMS, FederalAskInfo, FormInfo, federal_view

__all__ = ["ASKS", "FORMS", "FederalAskInfo", "FormInfo", "federal_view"]
