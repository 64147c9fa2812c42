"""Facts every rule module reads: who acts, what was asked, which documents came with it."""

from sanctuary.engine import Fact, IsTrue
from sanctuary.vocabulary.case import (CALIFORNIA_LAW_ENFORCEMENT, EMPLOYERS, LOCAL_LAW_ENFORCEMENT, ActorKind,
                                       DocumentKind, RequestKind)
from sanctuary.vocabulary.facts import ask_fact, doc_fact

as_of = Fact("as_of", "the date the question is decided for")
actor_kind = Fact("actor_kind")

# Gov. Code 7284.4(a): state or local, including school police; "does not include the Department of Corrections
# and Rehabilitation".
california_law_enforcement_agency = actor_kind.isin(CALIFORNIA_LAW_ENFORCEMENT)
# Gov. Code 7282(d), (e) and 7283: agencies of a city, county, special district or other political subdivision.
local_law_enforcement_agency = actor_kind.isin(LOCAL_LAW_ENFORCEMENT)
cdcr = actor_kind == ActorKind.CDCR
employer = actor_kind.isin(EMPLOYERS)
# A local policy forbidding the cooperation (unknown if the user does not know).
local_policy_restricts = Fact("local_policy_restricts")
information_is_public = Fact("information_is_public")


def asks(*kinds: RequestKind):
    """The request asks any of these."""
    out = IsTrue(Fact(ask_fact(kinds[0])))
    for k in kinds[1:]:
        out = out | IsTrue(Fact(ask_fact(k)))
    return out


def has_document(*kinds: DocumentKind):
    out = IsTrue(Fact(doc_fact(kinds[0])))
    for k in kinds[1:]:
        out = out | IsTrue(Fact(doc_fact(k)))
    return out
